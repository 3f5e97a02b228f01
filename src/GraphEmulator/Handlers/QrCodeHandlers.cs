using System.Text.Json;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>
/// qrCodePinMethod/standardQRCode and /temporaryQRCode (docs/graph-behaviour.md §3.6): GET, DELETE, and PATCH, which
/// creates a code when there is none (201, with the image) or moves a standard code's expiry (200, no image). A live
/// temporary code cannot be edited; its lifetime is 1–12 hours. A standard code lives at most the policy's
/// standardQRCodeLifetimeInDays (itself at most 395) [emu: the policy lifetime is read as a cap].
/// </summary>
internal static class QrCodeHandlers
{
    public const int MaxStandardDays = 395;

    public static GraphResponse Get(HandlerContext c)
    {
        lock (c.User.Gate)
        {
            return c.ReadView().Methods.QrCodePin is { } m && Pick(c, m) is { } code ? c.Ok(200, QrJson.Code(code, null)) : NotFound(c);
        }
    }

    public static GraphResponse Delete(HandlerContext c)
    {
        lock (c.User.Gate)
        {
            if (c.User.Methods.QrCodePin is not { } m || Pick(c, m) is null)
            {
                return NotFound(c);
            }

            c.User.Methods = c.User.Methods with { QrCodePin = Temporary(c) ? m with { Temporary = null } : m with { Standard = null } };
            c.Applied();
            return c.Ok(204);
        }
    }

    public static GraphResponse Patch(HandlerContext c)
    {
        if (!c.TryBody(out var body, out var error))
        {
            return error!;
        }

        var temporary = Temporary(c);
        lock (c.User.Gate)
        {
            if (c.User.Methods.QrCodePin is not { } m)
            {
                return QrCodePinHandlers.NotFound(c);
            }

            var now = c.Scope.Now;
            if (Pick(c, m) is { } live && live.LiveAt(now))
            {
                if (temporary)
                {
                    return c.Bad("A temporary QR code cannot be edited. Delete it and create a new one.");
                }

                if (!body.TryGetProperty("expireDateTime", out var e) || !e.TryGetDateTimeOffset(out var expire))
                {
                    return c.Bad("Only expireDateTime can be updated on a standard QR code, and it is required.");
                }

                if (LifetimeError(c, live.Start, expire, temporary: false) is { } lifetime)
                {
                    return lifetime;
                }

                var moved = live with { Expire = expire };
                c.User.Methods = c.User.Methods with { QrCodePin = m with { Standard = moved } };
                c.Applied();
                return c.Ok(200, QrJson.Code(moved, null));
            }

            var (window, windowError) = Window(c, body, temporary);
            if (windowError is not null)
            {
                return windowError;
            }

            var code = new QrCodeState(Guid.NewGuid().ToString(), now, window.Start, window.Expire);
            var image = Issue(c, temporary ? "temporary" : "standard", code.Id);
            c.User.Methods = c.User.Methods with { QrCodePin = temporary ? m with { Temporary = code } : m with { Standard = code } };
            c.Applied();
            return c.Ok(201, QrJson.Code(code, image));
        }
    }

    /// <summary>startDateTime and expireDateTime of a new code, checked; the error when they are missing or out of bounds.</summary>
    public static ((DateTimeOffset Start, DateTimeOffset Expire) Window, GraphResponse? Error) Window(HandlerContext c, JsonElement code, bool temporary)
    {
        if (!code.TryGetProperty("startDateTime", out var s) || !s.TryGetDateTimeOffset(out var start)
            || !code.TryGetProperty("expireDateTime", out var e) || !e.TryGetDateTimeOffset(out var expire))
        {
            return (default, c.Bad("The startDateTime and expireDateTime of the QR code are required."));
        }

        return ((start, expire), LifetimeError(c, start, expire, temporary));
    }

    /// <summary>Makes the image of a new code and records its content for the inspection endpoint (caller holds the user's gate).</summary>
    public static QrImageDetails Issue(HandlerContext c, string kind, string codeId)
    {
        var image = QrImage.Create(codeId, c.User.UserPrincipalName);
        c.User.QrIssues.Add(new QrIssue(kind, codeId, image.Content, c.Scope.Now));
        c.Event(kind == "temporary" ? "temporaryQrCodeIssued" : "qrCodeIssued");
        return image;
    }

    private static GraphResponse? LifetimeError(HandlerContext c, DateTimeOffset start, DateTimeOffset expire, bool temporary)
    {
        if (expire <= start || expire <= c.Scope.Now)
        {
            return c.Bad("The expireDateTime must be after the startDateTime and in the future.");
        }

        if (temporary)
        {
            var hours = (expire - start).TotalHours;
            return hours is < 1 or > 12 ? c.Bad("A temporary QR code must live between 1 and 12 hours.") : null;
        }

        var days = Math.Min(MaxStandardDays, c.Directory.Policy.Qr.StandardQRCodeLifetimeInDays);
        return expire - start > TimeSpan.FromDays(days) ? c.Bad($"A standard QR code can live at most {days} days.") : null;
    }

    private static bool Temporary(HandlerContext c) => c.Path.Segments[^1].Equals("temporaryQRCode", StringComparison.OrdinalIgnoreCase);

    private static QrCodeState? Pick(HandlerContext c, QrCodePinState m) => Temporary(c) ? m.Temporary : m.Standard;

    private static GraphResponse NotFound(HandlerContext c) => GraphErrors.NotFound("The QR code was not found for this user.", c.Scope);
}
