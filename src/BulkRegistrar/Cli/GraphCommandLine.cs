using System.CommandLine;

namespace BulkRegistrar.Cli;

/// <summary>
/// The options of plan and apply on the command line, read into one <see cref="GraphRunOptions"/>, and given back as a
/// command line for run.json (<see cref="Given"/>): the one place that knows their spelling.
/// </summary>
internal sealed class GraphCommandLine
{
    private readonly Option<bool> _emulator = new("--emulator")
    {
        Description = "Run against the built-in Graph emulator (seeded from samples/directory.json, realistic faults, time-compressed budget): a whole "
            + "run without a tenant.",
    };

    private readonly Option<string?> _emulatorUrl = new("--emulator-url")
    {
        Description = "Run against a standalone emulator (dotnet run --project src/GraphEmulator), e.g. https://127.0.0.1:5443.",
        HelpName = "URL",
    };

    private readonly Option<string> _onConflict = new("--on-conflict")
    {
        Description = "When a different value is already registered: skip (report Conflict) or update (replace it).",
        DefaultValueFactory = _ => GraphRunOptions.Skip,
        HelpName = "skip|update",
    };

    private readonly Option<long?> _maxChanges = new("--max-changes")
    {
        Description = "Guardrail: stop before the N+1th write; the remaining writes are Skipped (GuardrailReached).",
        HelpName = "N",
    };

    private readonly Option<string?> _auth = new("--auth")
    {
        Description = "How the app signs in (overrides Graph:Auth:Mode): ClientSecret, Certificate, ManagedIdentity, WorkloadIdentity, AzureCli, Default, "
            + "DeviceCode.",
        HelpName = "MODE",
    };

    private readonly Option<string?> _state = new("--state")
    {
        Description = "Incremental: the state store (SQLite) of users applied before; an unchanged user is Unchanged (UnchangedSinceLastRun) with no "
            + "Graph call. Default: State:Path; none.",
        HelpName = "FILE",
    };

    private readonly Option<bool> _full = new("--full") { Description = "Check every user against Graph, ignoring the state store (which is still updated)." };

    private readonly Option<int?> _concurrency = new("--concurrency")
    {
        Description = "Upper bound of $batch requests in flight (default Dispatch:Concurrency, 16); the dispatcher adapts below it.",
        HelpName = "N",
    };

    private readonly Option<bool> _replaceTap = new("--replace-tap")
    {
        Description = "Issue a pass also to users who already hold a usable (or not yet valid) one; Graph replaces it and the old pass stops working.",
    };

    private readonly Option<bool> _replaceQr = new("--replace-qr")
    {
        Description = "Create a new QR code + PIN also for users who hold one that has not expired: the old one is deleted first (its badge and PIN stop "
            + "working).",
    };

    private readonly Option<string?> _badges = new("--badges")
    {
        Description = "The printable QR code badge sheet (HTML, owner-only; default <run folder>/badges.html): one badge per QR code created, no PIN. "
            + "An existing sheet is appended to.",
        HelpName = "FILE",
    };

    private readonly Option<string?> _handoff = new("--handoff")
    {
        Description = "The hand-off file for passes and generated passwords (default: <run folder>/handoff.csv; with --handoff-by or "
            + "--handoff-recipient a folder, default <run folder>/handoff/). An existing hand-off is appended to, and its users get no second pass.",
        HelpName = "FILE",
    };

    private readonly Option<string?> _handoffBy = new("--handoff-by")
    {
        Description = "manager: one owner-only hand-off file per manager (the user's manager, read with the user; users without one in no-manager.csv), "
            + "in the hand-off folder (default <run folder>/handoff/; --handoff then names that folder).",
        HelpName = "manager",
    };

    private readonly Option<string?> _handoffRecipient = new("--handoff-recipient")
    {
        Description = "Encrypt every hand-off file to this X.509 certificate (PEM or DER, RSA; CMS enveloped data, one .csv.p7m file per secret, opened "
            + "with openssl cms -decrypt -inform DER -recip cert.pem -inkey key.pem); the plain file is never written.",
        HelpName = "CERT",
    };

    private readonly Option<bool> _verify = new("--verify")
    {
        Description = "After each user's writes, re-read what was written; a write the tenant does not show is Failed (VerifyMismatch).",
    };

    private readonly Option<bool> _deviceCode = new("--device-code")
    {
        Description = "Sign in as an administrator with the device-code flow (delegated token; the same as --auth DeviceCode); needed for --reset-password.",
    };

    private readonly Option<string?> _keep = new("--keep")
    {
        Description = "reregister rows: the method types to leave (comma-separated: phone, mobile, alternateMobile, office, email, microsoftAuthenticator, "
            + "fido2/passkey, windowsHelloForBusiness, softwareOath, temporaryAccessPass, qrCodePin, external, platformCredential). The password always stays.",
        HelpName = "TYPE[,TYPE]",
    };

    private readonly Option<bool> _yes = new("--yes")
    {
        Description = "Confirm a reregister run that deletes more than " + ReregisterGuard.Threshold + " methods (without it, or a --max-changes covering "
            + "them, apply stops before sending any write).",
    };

    private readonly Option<bool> _clampTapLifetime = new("--clamp-tap-lifetime")
    {
        Description = "A pass lifetime outside the tenant's Temporary Access Pass bounds is issued at the nearest bound (the record says so) "
            + "instead of refused before sending.",
    };

    private readonly Option<bool> _requirePolicy = new("--require-policy")
    {
        Description = "Stop (exit 2) when the authentication methods policy cannot be read (permission Policy.Read.AuthenticationMethod, "
            + "and GroupMember.Read.All for group-targeted methods) instead of a warning and a run without its predictions.",
    };

    private static readonly GraphCommandLine Names = new();

    public CommonOptions Common { get; } = new();

    public MethodOptions Methods { get; } = new();

    public void AddTo(Command command)
    {
        Common.AddTo(command);
        _onConflict.AcceptOnlyFromAmong(GraphRunOptions.Skip, GraphRunOptions.Update);
        _handoffBy.AcceptOnlyFromAmong(GraphRunOptions.ByManager);
        Methods.AddTo(command);
        Option[] options = [_emulator, _emulatorUrl, _auth, _onConflict, _maxChanges, _concurrency, _state, _full, _replaceTap, _handoff, _handoffBy,
            _handoffRecipient, _verify,
            _deviceCode, _keep, _yes, _replaceQr, _badges, _clampTapLifetime, _requirePolicy];
        foreach (var option in options)
        {
            command.Add(option);
        }
    }

    public GraphRunOptions Read(ParseResult parse) => new(Common.Read(parse), Methods.Read(parse))
    {
        Emulator = parse.GetValue(_emulator),
        EmulatorUrl = parse.GetValue(_emulatorUrl),
        Auth = parse.GetValue(_auth),
        OnConflict = parse.GetValue(_onConflict) ?? GraphRunOptions.Skip,
        MaxChanges = parse.GetValue(_maxChanges),
        Concurrency = parse.GetValue(_concurrency),
        State = parse.GetValue(_state),
        Full = parse.GetValue(_full),
        ReplaceTap = parse.GetValue(_replaceTap),
        Handoff = parse.GetValue(_handoff),
        HandoffBy = parse.GetValue(_handoffBy),
        HandoffRecipient = parse.GetValue(_handoffRecipient),
        Verify = parse.GetValue(_verify),
        DeviceCode = parse.GetValue(_deviceCode),
        Keep = parse.GetValue(_keep),
        Yes = parse.GetValue(_yes),
        ReplaceQr = parse.GetValue(_replaceQr),
        Badges = parse.GetValue(_badges),
        ClampTapLifetime = parse.GetValue(_clampTapLifetime),
        RequirePolicy = parse.GetValue(_requirePolicy),
    };

    /// <summary>
    /// The options that differ from their defaults, as name and value (a flag has none), the input file and
    /// <c>--out</c> left out: parsed again by <see cref="Recorded"/>, they give the same run.
    /// </summary>
    public static IEnumerable<(string Option, string? Value)> Given(GraphRunOptions o)
    {
        var n = Names;
        (Option Option, string? Value, bool Given)[] all =
        [
            (n.Common.Region, o.Common.Region, o.Common.Region is not null),
            (n.Common.Config, o.Common.Config, o.Common.Config is not null),
            (n.Common.Encoding, o.Common.Encoding, o.Common.Encoding is not null),
            (n._emulator, null, o.Emulator),
            (n._emulatorUrl, o.EmulatorUrl, o.EmulatorUrl is not null),
            (n._auth, o.Auth, o.Auth is not null),
            (n._onConflict, o.OnConflict, o.OnConflict != GraphRunOptions.Skip),
            (n._maxChanges, Text(o.MaxChanges), o.MaxChanges is not null),
            (n._concurrency, Text(o.Concurrency), o.Concurrency is not null),
            (n._state, o.State, o.State is not null),
            (n._full, null, o.Full),
            (n._replaceTap, null, o.ReplaceTap),
            (n._handoff, o.Handoff, o.Handoff is not null),
            (n._handoffBy, o.HandoffBy, o.HandoffBy is not null),
            (n._handoffRecipient, o.HandoffRecipient, o.HandoffRecipient is not null),
            (n._verify, null, o.Verify),
            (n._deviceCode, null, o.DeviceCode),
            (n._keep, o.Keep, o.Keep is not null),
            (n._yes, null, o.Yes),
            (n._replaceQr, null, o.ReplaceQr),
            (n._badges, o.Badges, o.Badges is not null),
            (n._clampTapLifetime, null, o.ClampTapLifetime),
            (n._requirePolicy, null, o.RequirePolicy),
        ];
        return all.Where(a => a.Given).Select(a => (a.Option.Name, a.Value)).Concat(n.Methods.Given(o.Methods));
    }

    /// <summary>A command line recorded by an earlier apply (run.json), read as apply reads its own.</summary>
    /// <exception cref="UsageException">This version no longer understands it.</exception>
    public static GraphRunOptions Recorded(IReadOnlyList<string> arguments)
    {
        var options = new GraphCommandLine();
        var command = new Command("apply");
        options.AddTo(command);
        var parse = command.Parse([.. arguments]);
        if (parse.Errors.Count > 0)
        {
            throw new UsageException($"--resume: the run's recorded options are no longer understood ({parse.Errors[0].Message}); start a new run.");
        }

        return options.Read(parse);
    }

    private static string? Text(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
