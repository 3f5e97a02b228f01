using BulkRegistrar.Audit;
using BulkRegistrar.Reading;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Methods;

/// <summary>A refused pass setting is told for what it is, and by the name it was given under (cell or option).</summary>
public class TapCellsTests
{
    private static MethodCheck Tap(RawRow row, MethodDefaults defaults) =>
        Assert.Single(new RowValidator(defaults).Validate(row, null).Methods, m => m.Method == MethodKind.TemporaryAccessPass);

    [Theory]
    [InlineData("8 hours", "TapLifetimeMinutes '8 hours' is not a whole number of minutes: write a whole number of minutes from 10 to 43200")]
    [InlineData("60.5", "TapLifetimeMinutes '60.5' is not a whole number of minutes:")]
    [InlineData("50000", "TapLifetimeMinutes '50000' is outside what Graph allows: write a whole number of minutes from 10 to 43200")]
    public void Lifetime_cell_that_is_no_number_is_not_called_out_of_range(string cell, string message)
    {
        var tap = Tap(TestRow.Of(2, "ann@contoso.com", IssueTap: "true", TapLifetimeMinutes: cell), MethodDefaults.None);

        Assert.Equal(ErrorCodes.InvalidTap, tap.Error);
        Assert.StartsWith(message, tap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_from_the_options_are_named_as_options_not_as_columns()
    {
        var defaults = new MethodDefaults(IssueTap: true, TapLifetimeMinutes: "5");
        var fromOption = Tap(TestRow.Of(2, "ann@contoso.com"), defaults);
        var fromOnce = Tap(TestRow.Of(2, "ann@contoso.com"), new MethodDefaults(IssueTap: true, TapUsableOnce: "maybe"));

        Assert.StartsWith("--tap-lifetime '5' is outside what Graph allows", fromOption.Message, StringComparison.Ordinal);
        Assert.Equal("--tap-usable-once 'maybe' is not true or false.", fromOnce.Message);
    }
}
