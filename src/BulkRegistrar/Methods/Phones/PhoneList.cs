using System.Text.Json;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.Phones;

/// <param name="SmsSignInState">Null when Graph's answer carries none.</param>
internal sealed record CurrentPhone(string Number, SmsSignInState? SmsSignInState);

/// <summary><c>GET /users/{id}/authentication/phoneMethods</c>: the three phones, each with its <c>smsSignInState</c>.</summary>
internal sealed class PhoneList() : MethodList<IReadOnlyDictionary<MethodKind, CurrentPhone>>("phone methods")
{
    public static PhoneList Instance { get; } = new();

    public override RequestInformation Request(GraphRequests requests, string id) =>
        requests.Client.Users[id].Authentication.PhoneMethods.ToGetRequestInformation();

    public override IReadOnlyDictionary<MethodKind, CurrentPhone> Read(string body)
    {
        var phones = new Dictionary<MethodKind, CurrentPhone>();
        using var doc = JsonDocument.Parse(body);
        foreach (var p in doc.RootElement.GetProperty("value").EnumerateArray())
        {
            if (PhoneMethod.Typed(GraphJson.Str(p, "phoneType")) is { } type && GraphJson.Str(p, "phoneNumber") is { } number)
            {
                phones[type.Kind] = new CurrentPhone(number, SmsSignInStates.Parse(GraphJson.Str(p, "smsSignInState")));
            }
        }

        return phones;
    }

    /// <summary>The user's phone of this type, as read.</summary>
    public static CurrentPhone? Phone(CurrentMethods current, MethodKind type) => Instance.In(current)?.GetValueOrDefault(type);

    /// <summary>The phone of this type a list body shows.</summary>
    public static CurrentPhone? Phone(string body, MethodKind type) => Instance.Read(body).GetValueOrDefault(type);
}
