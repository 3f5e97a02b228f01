using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace GraphEmulator.Tests.Support;

/// <summary>The phone-method requests the emulator tests send through the real SDK.</summary>
public static class PhoneRequests
{
    /// <summary>A POST of a phone method, built but not sent: a step of a <c>$batch</c>.</summary>
    public static RequestInformation PostPhone(this GraphServiceClient graph, string upn, string number, AuthenticationPhoneType type) =>
        graph.Users[upn].Authentication.PhoneMethods.ToPostRequestInformation(new PhoneAuthenticationMethod { PhoneNumber = number, PhoneType = type });

    /// <summary>Creates the user's mobile in a request of its own.</summary>
    public static Task<PhoneAuthenticationMethod?> CreateMobile(this GraphServiceClient graph, string upn, string number) =>
        graph.Users[upn].Authentication.PhoneMethods.PostAsync(
            new PhoneAuthenticationMethod { PhoneNumber = number, PhoneType = AuthenticationPhoneType.Mobile });
}
