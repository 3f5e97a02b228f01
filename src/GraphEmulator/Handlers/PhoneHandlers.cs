using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>
/// phoneMethods (docs/graph-behaviour.md §1.2–1.3). Rule violations whose real status is undocumented
/// answer 400 badRequest [emu]; the SMS sign-in conflict answers 409 phoneNumberNotUnique [obs]
/// after the phone was written.
/// </summary>
internal static class PhoneHandlers
{
    public static GraphResponse List(HandlerContext c)
    {
        lock (c.User.Gate)
        {
            var items = c.ReadView().Phones.Where(p => p is not null).Select(p => MethodJson.Phone(c.User, p!));
            return c.Ok(200, MethodJson.Collection(UserHandlers.Context(c, "phoneMethods"), items));
        }
    }

    public static GraphResponse Get(HandlerContext c)
    {
        if (!MethodIds.TryPhoneKindFromId(c.MethodId, out var kind))
        {
            return c.MethodNotFound();
        }

        lock (c.User.Gate)
        {
            return c.ReadView().Phone(kind) is { } p ? c.Ok(200, MethodJson.Phone(c.User, p)) : c.MethodNotFound();
        }
    }

    public static GraphResponse Create(HandlerContext c)
    {
        if (!c.TryBody(out var body, out var error))
        {
            return error!;
        }

        if (!MethodIds.TryParsePhoneType(HandlerContext.String(body, "phoneType"), out var kind))
        {
            return c.Bad("Invalid value for property 'phoneType'. Use 'mobile', 'alternateMobile' or 'office'.");
        }

        var number = HandlerContext.String(body, "phoneNumber");
        if (!PhoneNumberFormat.IsValid(number))
        {
            return c.Bad("Invalid phone number. Use the format '+{country code} {subscriber number}x{extension}', for example '+1 4255550100'.");
        }

        // Neither SMS nor voice lets the user in: the policy refuses the phone (docs/graph-behaviour.md §12.3 [emu]).
        if (!c.Directory.Policy.AllowsPhone(c.User))
        {
            return MethodRules.Refusal(c, kind == PhoneKind.Mobile ? "Sms" : "Voice");
        }

        var u = c.User;
        lock (u.Gate)
        {
            if (u.Phone(kind) is not null)
            {
                u.DuplicateCreateAttempts++;
                c.Services.Stats.CountDuplicateCreate();
                return c.Bad($"A phone method of type '{MethodIds.PhoneTypeName(kind)}' already exists for this user.");
            }

            if (kind == PhoneKind.AlternateMobile && u.Phone(PhoneKind.Mobile) is null)
            {
                return c.Bad("An alternate mobile phone can only be added when the user already has a mobile phone.");
            }

            var phone = new PhoneMethod(kind, number!);
            u.Phones[(int)kind] = phone;
            c.Applied();
            if (kind == PhoneKind.Mobile && !c.Directory.TryRegisterSms(u, phone))
            {
                return NotUnique(c);
            }

            return c.Ok(201, MethodJson.Phone(u, phone))
                .WithHeader("Location", $"{c.Services.GraphBaseUrl}/users/{u.Id}/authentication/phoneMethods/{MethodIds.ForPhone(kind)}");
        }
    }

    public static GraphResponse Update(HandlerContext c)
    {
        if (!MethodIds.TryPhoneKindFromId(c.MethodId, out var kind))
        {
            return c.MethodNotFound();
        }

        if (!c.TryBody(out var body, out var error))
        {
            return error!;
        }

        var typeText = HandlerContext.String(body, "phoneType");
        if (typeText is not null && (!MethodIds.TryParsePhoneType(typeText, out var asked) || asked != kind))
        {
            return c.Bad("The phone type cannot be changed. Create a method of the new type, then delete the old one.");
        }

        var number = HandlerContext.String(body, "phoneNumber");
        if (!PhoneNumberFormat.IsValid(number))
        {
            return c.Bad("Invalid phone number. Use the format '+{country code} {subscriber number}x{extension}', for example '+1 4255550100'.");
        }

        if (!c.Directory.Policy.AllowsPhone(c.User))
        {
            return MethodRules.Refusal(c, kind == PhoneKind.Mobile ? "Sms" : "Voice");
        }

        var u = c.User;
        lock (u.Gate)
        {
            if (u.Phone(kind) is not { } phone)
            {
                return c.MethodNotFound();
            }

            if (kind == PhoneKind.Mobile && !PhoneNumberFormat.SameNumber(phone.Number, number!))
            {
                c.Directory.ReleaseSms(u, phone);
            }

            phone.Number = number!;
            c.Applied();
            return kind == PhoneKind.Mobile && !c.Directory.TryRegisterSms(u, phone) ? NotUnique(c) : c.Ok(204);
        }
    }

    public static GraphResponse Delete(HandlerContext c)
    {
        if (!MethodIds.TryPhoneKindFromId(c.MethodId, out var kind))
        {
            return c.MethodNotFound();
        }

        var oath = MethodsView.OathOf(c, c.User);
        var u = c.User;
        lock (u.Gate)
        {
            if (u.Phone(kind) is not { } phone)
            {
                return c.MethodNotFound();
            }

            if (kind == PhoneKind.Mobile && u.Phone(PhoneKind.AlternateMobile) is not null)
            {
                return c.Bad("The mobile phone cannot be deleted while an alternate mobile phone exists. Update the mobile's number, or delete the "
                    + "alternate mobile first.");
            }

            if (MethodRules.DefaultMethodKept(c, MethodIds.ForPhone(kind), oath) is { } kept)
            {
                return kept;
            }

            if (kind == PhoneKind.Mobile)
            {
                c.Directory.ReleaseSms(u, phone);
            }

            u.Phones[(int)kind] = null;
            MethodRules.Deleted(c, "phone");
            return c.Ok(204);
        }
    }

    private static GraphResponse NotUnique(HandlerContext c) => GraphErrors.Create(409, "phoneNumberNotUnique",
        "The phone number is already used for SMS sign-in by another user. The phone method was saved, but SMS sign-in was not enabled.", c.Scope);
}
