using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>emailMethods: one per user, fixed id (docs/graph-behaviour.md §3.1); a second create is 400 badRequest [emu].</summary>
internal static class EmailHandlers
{
    public static GraphResponse List(HandlerContext c)
    {
        lock (c.User.Gate)
        {
            var items = c.ReadView().Email is { } e ? new[] { MethodJson.Email(e) } : [];
            return c.Ok(200, MethodJson.Collection(UserHandlers.Context(c, "emailMethods"), items));
        }
    }

    public static GraphResponse Get(HandlerContext c)
    {
        lock (c.User.Gate)
        {
            return c.ReadView().Email is { } e && IsEmailId(c) ? c.Ok(200, MethodJson.Email(e)) : c.MethodNotFound();
        }
    }

    public static GraphResponse Create(HandlerContext c)
    {
        if (!TryAddress(c, out var address, out var error))
        {
            return error!;
        }

        var u = c.User;
        lock (u.Gate)
        {
            if (u.Email is not null)
            {
                u.DuplicateCreateAttempts++;
                c.Services.Stats.CountDuplicateCreate();
                return c.Bad("An email authentication method already exists for this user.");
            }

            u.Email = address;
            c.Applied();
            return c.Ok(201, MethodJson.Email(address))
                .WithHeader("Location", $"{c.Services.GraphBaseUrl}/users/{u.Id}/authentication/emailMethods/{MethodIds.Email}");
        }
    }

    public static GraphResponse Update(HandlerContext c)
    {
        if (!TryAddress(c, out var address, out var error))
        {
            return error!;
        }

        lock (c.User.Gate)
        {
            if (c.User.Email is null || !IsEmailId(c))
            {
                return c.MethodNotFound();
            }

            c.User.Email = address;
            c.Applied();
            return c.Ok(204);
        }
    }

    public static GraphResponse Delete(HandlerContext c)
    {
        var oath = MethodsView.OathOf(c, c.User);
        lock (c.User.Gate)
        {
            if (c.User.Email is null || !IsEmailId(c))
            {
                return c.MethodNotFound();
            }

            if (MethodRules.DefaultMethodKept(c, MethodIds.Email, oath) is { } kept)
            {
                return kept;
            }

            c.User.Email = null;
            MethodRules.Deleted(c, "email");
            return c.Ok(204);
        }
    }

    private static bool IsEmailId(HandlerContext c) => string.Equals(c.MethodId, MethodIds.Email, StringComparison.OrdinalIgnoreCase);

    private static bool TryAddress(HandlerContext c, out string address, out GraphResponse? error)
    {
        address = "";
        if (!c.TryBody(out var body, out error))
        {
            return false;
        }

        var value = HandlerContext.String(body, "emailAddress");
        var at = value?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (value is null || at <= 0 || at == value.Length - 1 || value.Contains(' ', StringComparison.Ordinal))
        {
            error = c.Bad("Invalid value for property 'emailAddress'.");
            return false;
        }

        address = value;
        return true;
    }
}
