using BulkRegistrar.Methods.Email;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Planning;
using BulkRegistrar.Tests.Methods;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Planning;

/// <summary>A planner test's user: what the file wants (with <see cref="Wanted.Want"/>), what the tenant holds, and the plan's writes as tuples.</summary>
internal static class Plans
{
    public const string User = "emma@contoso.com";
    public const string Mobile = "+1 2065550100";
    public const string OtherMobile = "+1 2065550199";
    public const string Alternate = "+1 2065550101";

    public static DesiredState Desired(params DesiredMethod[] methods) => new(User, methods);

    public static CurrentMethods Current(string? mobile = null, string? alternate = null, string? email = null, string? smsState = null)
    {
        var phones = new Dictionary<MethodKind, CurrentPhone>();
        if (mobile is not null)
        {
            phones[MethodKind.Mobile] = new CurrentPhone(mobile, SmsSignInStates.Parse(smsState));
        }

        if (alternate is not null)
        {
            phones[MethodKind.AlternateMobile] = new CurrentPhone(alternate, null);
        }

        return Tenant.Holding(phones, email is null ? null : new CurrentEmail("email-id", email));
    }

    public static UserPlan Plan(DesiredState desired, CurrentMethods current, ConflictPolicy policy = ConflictPolicy.Skip) =>
        new Planner(policy).Plan(desired, "object-1", current);

    public static List<(OperationKind, MethodKind, string?)> Ops(UserPlan plan) =>
        plan.Operations.Select(o => (o.Kind, o.Method, o.Value)).ToList();
}
