using BulkRegistrar.Audit;
using BulkRegistrar.Methods.External;
using BulkRegistrar.Planning;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Methods;

/// <summary>External MFA's cells and plan: a configuration id is a GUID, a user holding that configuration is Unchanged.</summary>
public sealed class ExternalMfaTests
{
    private const string Configuration = "1053f571-2c05-5f27-91b4-ee10fbcfe117";

    private static MethodCheck? Check(string? configuration, string? name = null, string? action = null) =>
        new RowValidator(MethodDefaults.None).Validate(TestRow.Of(2, "kim@contoso.com", Action: action)
            .With(ExternalMethod.ConfigurationCell, configuration).With(ExternalMethod.DisplayNameCell, name), null)
            .Methods.SingleOrDefault(m => m.Method == MethodKind.ExternalMfa);

    private static UserPlan Plan(string value, RowAction action = RowAction.Register, params CurrentExternal[] held) =>
        new Planner(ConflictPolicy.Skip).Plan(new DesiredState("kim@contoso.com", [new DesiredMethod(MethodKind.ExternalMfa, action, value, 2, value)]),
            "object-1", Tenant.Holding().With(ExternalList.Instance, held.Length == 0 ? null : held));

    [Fact]
    public void A_configuration_id_and_a_name_are_valid_and_the_id_is_written_in_lower_case()
    {
        var check = Check(Configuration.ToUpperInvariant(), "Adatum; night shift");

        Assert.Null(check!.Error);
        Assert.Equal($"{Configuration};Adatum; night shift", check.Normalized);
        Assert.Equal(new ExternalSpec(Configuration, "Adatum; night shift"), ExternalSpec.Parse(check.Normalized!));
    }

    [Theory]
    [InlineData("adatum", null, "is not a configuration id")]
    [InlineData(null, "Adatum", "is given without an ExternalMfaConfigurationId")]
    [InlineData(Configuration, "=HYPERLINK(\"x\")", "starts like a spreadsheet formula")]
    public void Cells_that_name_no_configuration_or_no_usable_name_are_InvalidExternalMfa(string? configuration, string? name, string reason)
    {
        var check = Check(configuration, name);

        Assert.Equal(ErrorCodes.InvalidExternalMfa, check!.Error);
        Assert.Contains(reason, check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_without_the_columns_does_not_name_the_method()
    {
        Assert.Null(Check(null));
    }

    [Fact]
    public void A_user_without_the_configuration_gets_a_create_that_plan_describes_with_the_name_sent()
    {
        var plan = Plan(Configuration, held: new CurrentExternal("m-1", "00000000-0000-0000-0000-000000000001", "Other"));

        var op = Assert.Single(plan.Operations);
        Assert.Equal((OperationKind.Create, Outcome.WouldCreate), (op.Kind, op.WouldBe));
        Assert.Equal($"Would register the external MFA method of configuration {Configuration} as \"External MFA\".",
            ExternalMethod.Instance.Describe(op, CurrentMethods.None));
    }

    [Fact]
    public void A_user_holding_the_configuration_is_Unchanged_whatever_its_name()
    {
        var plan = Plan($"{Configuration};Adatum", held: new CurrentExternal("m-1", Configuration.ToUpperInvariant(), "Adatum MFA"));

        Assert.Empty(plan.Operations);
        var record = Assert.Single(plan.Settled);
        Assert.Equal(Outcome.Unchanged, record.Outcome);
        Assert.Contains("\"Adatum MFA\"", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remove_row_deletes_the_configurations_method_and_records_it_for_revert()
    {
        var held = new CurrentExternal("m-1", Configuration, "Adatum");
        var plan = Plan(Configuration, RowAction.Remove, held);
        var current = Tenant.Holding().With(ExternalList.Instance, new[] { held });

        var op = Assert.Single(plan.Operations);
        Assert.Equal(OperationKind.Delete, op.Kind);
        Assert.Equal($"{Configuration};Adatum", ExternalMethod.Instance.Previous(op, current));
        Assert.Equal("Unchanged", Assert.Single(Plan(Configuration, RowAction.Remove).Settled).Outcome.ToString());
    }

    [Fact]
    public void Export_writes_the_configuration_id_that_apply_reads_back()
    {
        var current = Tenant.Holding().With(ExternalList.Instance, new[] { new CurrentExternal("m-1", Configuration, "Adatum") });

        Assert.Equal("ExternalMfaConfigurationId", ExternalMethod.Instance.ExportColumn);
        Assert.Equal(Configuration, ExternalMethod.Instance.Export(current));
        Assert.Equal(ExternalMethod.ConfigurationCell.Key, ExternalMethod.Instance.ExportColumn);
    }
}
