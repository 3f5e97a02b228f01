using System.Text.Json;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.Email;

internal sealed record CurrentEmail(string Id, string Address);

/// <summary>The SSPR e-mail: one address per user, compared ignoring case, shown masked; its id is read with it.</summary>
internal sealed class EmailMethod() : ValueMethod(MethodKind.Email, "email", removeOrder: 110, registerOrder: 220)
{
    public static EmailMethod Instance { get; } = new();

    public static MethodColumn Cell { get; } = new("Email", "Email", "AlternateEmail", "Personal email", "Alternate email", "authenticationEmail");

    public override IReadOnlyList<MethodColumn> Columns => [Cell];

    public override MethodList List => EmailList.Instance;

    public override MethodCheck? Check(RowCells row)
    {
        if (row[Cell] is not { } email)
        {
            return null;
        }

        // To remove, the column only has to name the method: "*" or "any" removes whatever is there.
        // ... but not a formula, which has no '@' either ("=cmd()").
        if (row.Action == RowAction.Remove && !email.Contains('@') && !SpreadsheetFormula.StartsWithTrigger(email))
        {
            return new MethodCheck(Kind, email, null);
        }

        return MethodCheck.Of(Kind, email, EmailValidator.Validate(email));
    }

    public override string ExportColumn => "Email";

    public override string? Current(CurrentMethods current) => EmailList.Instance.In(current)?.Address;

    public override string? ValueIn(string body) => EmailList.Instance.Read(body)?.Address;

    public override bool Same(string? wanted, string? existing) =>
        wanted is not null && existing is not null && string.Equals(wanted, existing, StringComparison.OrdinalIgnoreCase);

    public override string Mask(string value)
    {
        var at = value.LastIndexOf('@');
        return at <= 0 ? new string('*', Math.Min(value.Length, 8)) : value[0] + "***" + value[at..];
    }

    public override string Shown(string? value) => value is null ? "no e-mail method" : $"the e-mail {Mask(value)}";

    public override string? Export(CurrentMethods current) => Current(current);

    public override RequestInformation Create(GraphRequests requests, string id, string value) =>
        requests.Client.Users[id].Authentication.EmailMethods.ToPostRequestInformation(new EmailAuthenticationMethod { EmailAddress = value });

    public override RequestInformation Replace(GraphRequests requests, string id, string value, CurrentMethods current) =>
        requests.Client.Users[id].Authentication.EmailMethods[EmailList.Instance.In(current)!.Id]
            .ToPatchRequestInformation(new EmailAuthenticationMethod { EmailAddress = value });

    public override RequestInformation Remove(GraphRequests requests, string id, CurrentMethods current) =>
        requests.Client.Users[id].Authentication.EmailMethods[EmailList.Instance.In(current)!.Id].ToDeleteRequestInformation();
}

/// <summary><c>GET /users/{id}/authentication/emailMethods</c>: the address and the method's id (PATCH and DELETE need it).</summary>
internal sealed class EmailList() : MethodList<CurrentEmail>("e-mail method")
{
    public static EmailList Instance { get; } = new();

    public override RequestInformation Request(GraphRequests requests, string id) =>
        requests.Client.Users[id].Authentication.EmailMethods.ToGetRequestInformation();

    public override CurrentEmail? Read(string body)
    {
        using var doc = JsonDocument.Parse(body);
        foreach (var e in doc.RootElement.GetProperty("value").EnumerateArray())
        {
            if (GraphJson.Str(e, "id") is { } id && GraphJson.Str(e, "emailAddress") is { } address)
            {
                return new CurrentEmail(id, address);
            }
        }

        return null;
    }
}
