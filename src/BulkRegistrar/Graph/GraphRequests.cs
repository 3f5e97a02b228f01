using BulkRegistrar.Audit;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Graph;

/// <summary>
/// The Graph requests the tool makes, as SDK <see cref="RequestInformation"/> (built through the
/// fluent builders, so URLs and bodies are exactly the SDK's). Users are addressed by object id
/// everywhere except the first lookup, which sidesteps the SDK's batch URL escaping of <c>#EXT#</c>
/// and <c>$</c> UPNs (docs/sdk-notes.md §2).
/// </summary>
internal sealed class GraphRequests(GraphServiceClient graph)
{
    /// <summary>Fixed phone method ids (docs/graph-behaviour.md §1.1): PATCH/DELETE need no list first.</summary>
    public static string PhoneMethodId(MethodKind method) => method switch
    {
        MethodKind.Mobile => "3179e48a-750b-4051-897c-87b9720928f7",
        MethodKind.AlternateMobile => "b6332ec1-7057-4abe-9331-3d72feddfe41",
        MethodKind.Office => "e37fc753-ff3b-4958-9484-eaa9425c82bc",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a phone method"),
    };

    public static AuthenticationPhoneType PhoneType(MethodKind method) => method switch
    {
        MethodKind.Mobile => AuthenticationPhoneType.Mobile,
        MethodKind.AlternateMobile => AuthenticationPhoneType.AlternateMobile,
        MethodKind.Office => AuthenticationPhoneType.Office,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a phone method"),
    };

    /// <summary>
    /// <c>GET /users/{upn}?$select=id,userPrincipalName,usageLocation</c>. A UPN starting with <c>$</c>
    /// uses the <c>users('…')</c> key form (Graph reads <c>/users/$x</c> as a system query option).
    /// </summary>
    public RequestInformation GetUser(string user)
    {
        var info = graph.Users[user].ToGetRequestInformation(c => c.QueryParameters.Select = ["id", "userPrincipalName", "usageLocation"]);
        if (user.StartsWith('$'))
        {
            var key = Uri.EscapeDataString(user.Replace("'", "''", StringComparison.Ordinal));
            info.URI = new Uri($"{graph.RequestAdapter.BaseUrl}/users('{key}'){info.URI.Query}");
        }

        return info;
    }

    public RequestInformation ListPhones(string id) => graph.Users[id].Authentication.PhoneMethods.ToGetRequestInformation();

    public RequestInformation ListEmails(string id) => graph.Users[id].Authentication.EmailMethods.ToGetRequestInformation();

    public RequestInformation CreatePhone(string id, MethodKind method, string number) =>
        graph.Users[id].Authentication.PhoneMethods.ToPostRequestInformation(new PhoneAuthenticationMethod { PhoneNumber = number, PhoneType = PhoneType(method) });

    public RequestInformation UpdatePhone(string id, MethodKind method, string number) =>
        graph.Users[id].Authentication.PhoneMethods[PhoneMethodId(method)].ToPatchRequestInformation(new PhoneAuthenticationMethod { PhoneNumber = number, PhoneType = PhoneType(method) });

    public RequestInformation DeletePhone(string id, MethodKind method) =>
        graph.Users[id].Authentication.PhoneMethods[PhoneMethodId(method)].ToDeleteRequestInformation();

    public RequestInformation EnableSmsSignIn(string id) =>
        graph.Users[id].Authentication.PhoneMethods[PhoneMethodId(MethodKind.Mobile)].EnableSmsSignIn.ToPostRequestInformation();

    public RequestInformation DisableSmsSignIn(string id) =>
        graph.Users[id].Authentication.PhoneMethods[PhoneMethodId(MethodKind.Mobile)].DisableSmsSignIn.ToPostRequestInformation();

    public RequestInformation CreateEmail(string id, string address) =>
        graph.Users[id].Authentication.EmailMethods.ToPostRequestInformation(new EmailAuthenticationMethod { EmailAddress = address });

    public RequestInformation UpdateEmail(string id, string methodId, string address) =>
        graph.Users[id].Authentication.EmailMethods[methodId].ToPatchRequestInformation(new EmailAuthenticationMethod { EmailAddress = address });

    public RequestInformation DeleteEmail(string id, string methodId) =>
        graph.Users[id].Authentication.EmailMethods[methodId].ToDeleteRequestInformation();

    public RequestInformation ListTaps(string id) => graph.Users[id].Authentication.TemporaryAccessPassMethods.ToGetRequestInformation();

    /// <summary>Revokes a pass (a pass issued that the hand-off file could not keep must not stay usable).</summary>
    public RequestInformation DeleteTap(string id, string tapId) => graph.Users[id].Authentication.TemporaryAccessPassMethods[tapId].ToDeleteRequestInformation();

    /// <summary>POST temporaryAccessPassMethods: only the members the row set; the rest is the tenant policy's default.</summary>
    public RequestInformation CreateTap(string id, Validation.TapSpec spec) =>
        graph.Users[id].Authentication.TemporaryAccessPassMethods.ToPostRequestInformation(new TemporaryAccessPassAuthenticationMethod
        {
            StartDateTime = spec.Start,
            LifetimeInMinutes = spec.LifetimeMinutes,
            IsUsableOnce = spec.UsableOnce,
        });

    /// <summary>The password method's fixed id (docs/graph-behaviour.md §3.3); reset goes through <c>methods/</c>, not <c>passwordMethods/</c>.</summary>
    public const string PasswordMethodId = "28c10230-6103-485e-b985-444c60001490";

    public RequestInformation ResetPassword(string id, string? newPassword) =>
        graph.Users[id].Authentication.Methods[PasswordMethodId].ResetPassword.ToPostRequestInformation(
            new Microsoft.Graph.Users.Item.Authentication.Methods.Item.ResetPassword.ResetPasswordPostRequestBody { NewPassword = newPassword });

    public RequestInformation GetOperation(string id, string operationId) =>
        graph.Users[id].Authentication.Operations[operationId].ToGetRequestInformation();
}
