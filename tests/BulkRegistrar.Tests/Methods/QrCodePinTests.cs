using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using BulkRegistrar.Methods.QrCodePin;
using BulkRegistrar.Planning;
using BulkRegistrar.Reading;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;
using static BulkRegistrar.Tests.Planning.Plans;
using static BulkRegistrar.Tests.Planning.Wanted;

namespace BulkRegistrar.Tests.Methods;

/// <summary>QR code + PIN: its cells, the PIN never read from the input CSV, and its plan (once per user, --replace-qr, the hand-off file).</summary>
public class QrCodePinTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly MethodDefaults Utc = new(TimeZone: TimeZoneInfo.Utc);

    private static MethodCheck? Qr(string? cell, string? start = null, string? expiry = null, string? action = null) =>
        new RowValidator(Utc).Validate(TestRow.Of(2, "ann@contoso.com", Action: action)
                .With(QrCodePinMethod.Cell, cell).With(QrCodePinMethod.StartCell, start).With(QrCodePinMethod.ExpiryCell, expiry), null)
            .Methods.SingleOrDefault(m => m.Method == MethodKind.QrCodePin);

    [Fact]
    public void A_qr_code_without_dates_is_left_to_the_policy_lifetime_and_false_asks_for_nothing()
    {
        Assert.Equal(("true", "policy lifetime", null), (Qr("true")!.Input, Qr("true")!.Normalized, Qr("true")!.Error));
        Assert.Equal("policy lifetime", Qr("yes")!.Normalized);
        Assert.Null(Qr("false"));
        Assert.Null(Qr(null, start: "2027-01-04"));
    }

    [Fact]
    public void An_expiry_written_as_a_date_alone_lasts_through_that_day()
    {
        var check = Qr("true", start: "2027-01-04", expiry: "2027-06-30")!;

        Assert.Null(check.Error);
        Assert.Equal("start=2027-01-04T00:00:00Z;expiry=2027-07-01T00:00:00Z", check.Normalized);
        Assert.Equal(new QrSpec(new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero)),
            QrSpec.Parse(check.Normalized));
    }

    [Theory]
    [InlineData("maybe", null, null, null, "The QrCodePin column says 'maybe'; write true or false")]
    [InlineData("true", "2027-06-30", "2027-01-01", null, "QrCodeExpiry must come after QrCodeStart and at most 395 days later")]
    [InlineData("true", "2027-01-01", "2028-03-01", null, "QrCodeExpiry must come after QrCodeStart and at most 395 days later")]
    [InlineData("true", "01/09/2027", null, null, "QrCodeStart '01/09/2027' is not a date")]
    [InlineData("true", null, "next year", null, "QrCodeExpiry 'next year' is not a date")]
    [InlineData("true", null, null, "remove", "A QR code + PIN is issued on register rows only")]
    public void Cells_Graph_would_refuse_are_invalid_before_anything_is_sent(string cell, string? start, string? expiry, string? action, string message)
    {
        var check = Qr(cell, start, expiry, action)!;

        Assert.Equal(ErrorCodes.InvalidQrCodePin, check.Error);
        Assert.StartsWith(message, check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("QrPin")]
    [InlineData("QR PIN")]
    [InlineData("PIN")]
    public void A_pin_column_refuses_the_whole_file_without_quoting_any_cell(string header)
    {
        using var csv = TempCsv.Utf8($"upn,QrCodePin,{header}\nann@contoso.com,true,98765432\n");

        var e = Assert.Throws<InputFileException>(() => csv.ReadAll());

        Assert.Contains("has a QrPin column: a PIN is never read from the input CSV", e.Message, StringComparison.Ordinal);
        Assert.Contains("--new-pins FILE", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("98765432", e.Message, StringComparison.Ordinal);
    }

    private static CurrentMethods Holding(DateTimeOffset? expire, string id = "qr-1") =>
        CurrentMethods.None.With(QrList.Instance, new CurrentQr(id, new QrCodeWindow("code-1", expire?.AddDays(-365), expire), null));

    private static UserPlan PlanQr(CurrentMethods current, bool replace = false) =>
        new Planner(ConflictPolicy.Skip, replace ? MethodOptions.Replacing(false, replaceQr: true) : null, new Clock(Now))
            .Plan(Desired(Want(MethodKind.QrCodePin, "policy lifetime")), "object-1", current);

    [Fact]
    public void A_user_without_one_gets_one_and_a_user_holding_one_keeps_it()
    {
        Assert.Equal([(QrCodePinMethod.Create, MethodKind.QrCodePin, "policy lifetime")], Ops(PlanQr(CurrentMethods.None.With(QrList.Instance, null))));
        Assert.Equal(Outcome.WouldCreate, PlanQr(CurrentMethods.None).Operations[0].WouldBe);

        var kept = PlanQr(Holding(Now.AddDays(30)));
        Assert.Empty(kept.Operations);
        var record = Assert.Single(kept.Settled);
        Assert.Equal(Outcome.Unchanged, record.Outcome);
        Assert.Contains("already holds a QR code + PIN", record.Message, StringComparison.Ordinal);
        Assert.Contains("--replace-qr", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replace_qr_and_an_expired_code_delete_the_old_method_before_creating_a_new_one()
    {
        var replaced = PlanQr(Holding(Now.AddDays(30)), replace: true);
        var expired = PlanQr(Holding(Now.AddDays(-1)));

        Assert.Equal([QrCodePinMethod.Replace], replaced.Operations.Select(o => o.Kind));
        Assert.Equal(Outcome.WouldUpdate, replaced.Operations[0].WouldBe);
        Assert.Equal([QrCodePinMethod.Replace], expired.Operations.Select(o => o.Kind));
        Assert.StartsWith("Would delete the user's QR code + PIN (standard QR code valid from",
            QrCodePinMethod.Instance.Describe(replaced.Operations[0], Holding(Now.AddDays(30))), StringComparison.Ordinal);
        Assert.Equal("standard QR code valid from 2026-01-06 09:00 UTC until 2027-01-06 09:00 UTC",
            QrCodePinMethod.Instance.Previous(replaced.Operations[0], Holding(Now.AddDays(30))));
    }

    [Fact]
    public void A_user_the_handoff_file_holds_a_pin_for_never_gets_another_even_with_replace_qr()
    {
        var plan = PlanQr(CurrentMethods.None.WithHandedOff(new HashSet<string> { "qrCodePin" }), replace: true);

        Assert.Empty(plan.Operations);
        Assert.Equal(Outcome.Unchanged, Assert.Single(plan.Settled).Outcome);
    }

    [Fact]
    public void A_method_a_resumed_run_may_have_lost_is_replaced_not_kept()
    {
        var plan = PlanQr(Holding(Now.AddDays(300)).WithMayBeLost(new HashSet<string> { "qrCodePin" }));

        Assert.Equal([QrCodePinMethod.Replace], plan.Operations.Select(o => o.Kind));
    }

    [Fact]
    public void Plan_says_what_apply_would_create_and_where_the_pin_and_image_would_go()
    {
        var plan = PlanQr(CurrentMethods.None);
        var text = QrCodePinMethod.Instance.Describe(plan.Operations[0], CurrentMethods.None);

        Assert.Equal("Would create a QR code + PIN (valid from its creation until the end of the tenant policy's standard lifetime; the PIN would go to "
            + "the hand-off file only, the QR image to the badge sheet).", text);
    }

    [Fact]
    public void Revert_deletes_the_method_the_run_created_and_leaves_one_that_replaced_it()
    {
        var step = QrCodePinMethod.Instance.Undo(2, User, Outcome.Created, "policy lifetime", null, "qr-1")!;

        Assert.Null(QrCodePinMethod.Instance.Undo(2, User, Outcome.Updated, "policy lifetime", "old", "qr-2"));
        Assert.Null(QrCodePinMethod.Instance.Conflict(step, Holding(Now.AddDays(30), "qr-1")));
        Assert.Equal("the QR code + PIN was replaced since (another method id)", QrCodePinMethod.Instance.Conflict(step, Holding(Now.AddDays(30), "qr-9")));
        Assert.True(QrCodePinMethod.Instance.Reached(step, CurrentMethods.None));
        Assert.Equal("true", QrCodePinMethod.Instance.Export(Holding(Now.AddDays(30))));
        Assert.Null(QrCodePinMethod.Instance.Export(CurrentMethods.None));
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
