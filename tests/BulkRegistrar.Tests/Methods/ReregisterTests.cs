using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Methods;
using BulkRegistrar.Methods.Reregister;
using BulkRegistrar.Planning;
using BulkRegistrar.Resume;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Methods;

/// <summary>The reregister action's pieces: its cells, the methods list, the plan of deletions, --keep, the records and the undo.</summary>
public class ReregisterTests
{
    private const string User = "maya@contoso.com";
    private const string Mobile = "phoneMethods/3179e48a-750b-4051-897c-87b9720928f7";

    private static readonly string Body = """
        {"value":[
          {"@odata.type":"#microsoft.graph.passwordAuthenticationMethod","id":"28c10230-6103-485e-b985-444c60001490"},
          {"@odata.type":"#microsoft.graph.phoneAuthenticationMethod","id":"3179e48a-750b-4051-897c-87b9720928f7",
           "phoneNumber":"+44 7700900123","phoneType":"mobile"},
          {"@odata.type":"#microsoft.graph.phoneAuthenticationMethod","id":"b6332ec1-7057-4abe-9331-3d72feddfe41",
           "phoneNumber":"+44 7700900124","phoneType":"alternateMobile"},
          {"@odata.type":"#microsoft.graph.microsoftAuthenticatorAuthenticationMethod","id":"a1","displayName":"Maya Pixel"},
          {"@odata.type":"#microsoft.graph.fido2AuthenticationMethod","id":"f1","displayName":"Work key"},
          {"@odata.type":"#microsoft.graph.emailAuthenticationMethod","id":"3ddfcfc8-9383-446f-83cc-3ab9be4be18f","emailAddress":"maya@outlook.example"},
          {"@odata.type":"#microsoft.graph.qrCodePinAuthenticationMethod","id":"q1"},
          {"@odata.type":"#microsoft.graph.hardwareOathAuthenticationMethod","id":"h1","serialNumber":"HW-0002"},
          {"@odata.type":"#microsoft.graph.someFutureAuthenticationMethod","id":"x1"}
        ]}
        """;

    private static DesiredMethod Want(string? keep = null) => new(MethodKind.Reregister, RowAction.Reregister, keep, 2, "reregister");

    private static UserPlan Plan(string? keep = null, string body = "")
    {
        var current = CurrentMethods.None.With(RegisteredList.Instance, RegisteredList.Instance.Read(body.Length == 0 ? Body : body));
        var desired = new DesiredState(User, [Want(keep), new DesiredMethod(MethodKind.SignInSessions, RowAction.Reregister, null, 2, "reregister")]);
        return new Planner(ConflictPolicy.Skip).Plan(desired, "id", current);
    }

    [Theory]
    [InlineData("#microsoft.graph.fido2AuthenticationMethod", "fido2")]
    [InlineData("#microsoft.graph.microsoftAuthenticatorAuthenticationMethod", "microsoftAuthenticator")]
    [InlineData("#microsoft.graph.externalAuthenticationMethod", "external")]
    [InlineData("#microsoft.graph.qrCodePinAuthenticationMethod", "qrCodePin")]
    [InlineData(null, "unknown")]
    public void A_methods_odata_type_is_named_without_namespace_and_suffix(string? odataType, string name) =>
        Assert.Equal(name, MethodType.NameOf(odataType));

    [Fact]
    public void Keep_takes_graphs_names_aliases_and_phone_types_and_ignores_the_password()
    {
        Assert.Equal(["fido2", "mobile", "microsoftAuthenticator", "temporaryAccessPass"],
            MethodType.ParseKeep("passkey, Mobile,authenticator,tap,password,fido2"));
        Assert.Empty(MethodType.ParseKeep(null));
    }

    [Fact]
    public void A_keep_word_that_names_no_method_type_is_refused_rather_than_deleted()
    {
        var e = Assert.Throws<UsageException>(() => MethodType.ParseKeep("fido"));

        Assert.Contains("--keep names 'fido', which is no method type", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_method_but_the_password_is_deleted_alternate_before_mobile_and_the_authenticator_last_then_the_sessions_revoked()
    {
        var plan = Plan();

        var deletions = plan.Operations.Where(o => o.Method == MethodKind.Reregister).Select(o => o.Value!.Split('/')[0]).ToList();
        Assert.Equal(["fido2Methods", "qrCodePinMethod", "emailMethods", "phoneMethods", "phoneMethods", "microsoftAuthenticatorMethods"], deletions);
        var phones = plan.Operations.Where(o => o.Value?.StartsWith("phoneMethods", StringComparison.Ordinal) == true).Select(o => o.Value).ToList();
        Assert.Equal(["phoneMethods/b6332ec1-7057-4abe-9331-3d72feddfe41", Mobile], phones);
        Assert.All(plan.Operations.SkipLast(1), o => Assert.Equal(OperationKind.Delete, o.Kind));
        Assert.Equal((MethodKind.SignInSessions, Outcome.WouldUpdate), (plan.Operations[^1].Method, plan.Operations[^1].WouldBe));
    }

    [Fact]
    public void A_type_without_a_v1_delete_is_left_and_recorded_as_not_removable()
    {
        var settled = Plan().Settled;

        Assert.Equal(["hardwareOath/h1", "someFuture/x1"], settled.Select(r => r.Normalized).Order(StringComparer.Ordinal));
        Assert.All(settled, r => Assert.Equal((Outcome.Skipped, ErrorCodes.MethodNotRemovable), (r.Outcome, r.Error)));
    }

    [Fact]
    public void Keep_leaves_the_named_types_and_a_phone_by_its_type()
    {
        var plan = Plan(keep: "fido2,mobile");

        Assert.DoesNotContain(plan.Operations, o => o.Value == Mobile || o.Value?.StartsWith("fido2Methods", StringComparison.Ordinal) == true);
        Assert.Contains(plan.Operations, o => o.Value?.StartsWith("phoneMethods/b6332ec1", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_user_with_only_a_password_is_unchanged_and_still_has_sessions_revoked()
    {
        var plan = Plan(body: """{"value":[{"@odata.type":"#microsoft.graph.passwordAuthenticationMethod","id":"p"}]}""");

        var record = Assert.Single(plan.Settled);
        Assert.Equal(Outcome.Unchanged, record.Outcome);
        Assert.Contains("no method but the password", record.Message, StringComparison.Ordinal);
        Assert.Equal(MethodKind.SignInSessions, Assert.Single(plan.Operations).Method);
    }

    [Fact]
    public void Plan_says_which_deletion_revert_can_undo_and_which_it_cannot_and_masks_the_number()
    {
        var current = CurrentMethods.None.With(RegisteredList.Instance, RegisteredList.Instance.Read(Body));
        var ops = Plan().Operations.ToDictionary(o => o.Value ?? "revoke");

        var mobile = PlanPreview.Describe(ops[Mobile], current);
        Assert.Equal("Would delete the user's mobile phone (+44 77** ***123). Revert can register it again from this audit.", mobile);
        Assert.Contains("Revert cannot restore it: it is the user's own registration", PlanPreview.Describe(ops["fido2Methods/f1"], current),
            StringComparison.Ordinal);
        Assert.Equal("+44 7700900123", ReregisterMethod.Instance.Previous(ops[Mobile], current)); // in full in the audit: revert needs it
    }

    [Fact]
    public void A_reregister_row_asks_for_the_deletions_and_the_revoke_and_its_other_cells_are_not_acted_on()
    {
        var row = new RowValidator().Validate(TestRow.Of(2, User, Mobile: "+44 7911 123456", Action: "Reregister"), null);

        Assert.True(CellVocabulary.TryParseAction("re-register", out var action) && action == RowAction.Reregister);
        Assert.Equal(RowAction.Reregister, row.Action);
        var mobile = row.Methods.Single(m => m.Method == MethodKind.Mobile);
        Assert.Equal((true, ErrorCodes.ReregisterOnly), (mobile.Skipped, mobile.Error));
        Assert.Contains(row.Methods, m => m is { Method: MethodKind.Reregister, IsValid: true });
        Assert.Contains(row.Methods, m => m is { Method: MethodKind.SignInSessions, IsValid: true });
    }

    [Fact]
    public void Each_deletion_of_one_line_keeps_a_record_of_its_own()
    {
        var desired = new DesiredState(User, [Want()]);
        var records = new UserRecords(desired, []);

        records.Add(AuditRecords.Of(2, User, MethodKind.Reregister, "reregister", "fido2Methods/f1", Outcome.Deleted, "Deleted."));
        records.Add(AuditRecords.Of(2, User, MethodKind.Reregister, "reregister", Mobile, Outcome.Deleted, "Deleted."));
        records.Add(AuditRecords.Of(2, User, MethodKind.Reregister, "reregister", Mobile, Outcome.Deleted, "Deleted again."));

        Assert.Equal(2, records.All.Count);
    }

    [Fact]
    public void A_resumed_reregistration_is_planned_again_and_its_new_deletions_are_kept()
    {
        var kept = AuditRecords.Of(2, User, MethodKind.Reregister, "reregister", "fido2Methods/f1", Outcome.Deleted, "Deleted.");
        var resumed = new ResumedRecords([kept]);
        var fresh = AuditRecords.Of(2, User, MethodKind.Reregister, "reregister", Mobile, Outcome.Deleted, "Deleted.");

        Assert.False(resumed.Done(new UserWork(new DesiredState(User, [Want()]), [], [])));
        Assert.Equal([fresh], resumed.Fresh([kept, fresh]));
    }

    [Fact]
    public void Revert_registers_a_deleted_phone_again_and_refuses_a_passkey_by_name()
    {
        var phone = ReregisterMethod.Instance.Undo(2, User, Outcome.Deleted, Mobile, "+447700900123")!;
        var key = ReregisterMethod.Instance.Undo(2, User, Outcome.Deleted, "fido2Methods/f1", "Work key")!;

        Assert.Equal((UndoKind.Recreate, null), (phone.Kind, phone.Unrestorable));
        Assert.Contains("passkey (FIDO2) cannot be created again by an admin", key.Unrestorable, StringComparison.Ordinal);
        Assert.NotNull(SignInSessionsMethod.Instance.Undo(2, User, Outcome.Updated, null, null)!.Unrestorable);
        Assert.Null(ReregisterMethod.Instance.Undo(2, User, Outcome.Skipped, "hardwareOath/h1", null));
    }
}
