namespace GraphEmulator.Faults;

/// <summary>The strict profile's faults for one call (docs/emulator.md, "The strict profile").</summary>
internal sealed partial class FaultInjector
{
    /// <summary>
    /// The strict mix (<see cref="StrictRates"/>): one uniform draw <paramref name="u"/> walks the
    /// cumulative rates, so the same seed and calls give the same faults.
    /// </summary>
    private FaultDecision DecideStrict(string key, int n, double u, double pick, bool isWrite, bool inBatch)
    {
        var edge = 0.0;
        if (u < (edge += StrictRates.Status500))
        {
            return new FaultDecision(FaultKind.Status, 500, false, "status500");
        }

        if (u < (edge += StrictRates.Status503))
        {
            // Graph's error page: a 503 may carry Retry-After. Half of them do (1–5 emulated seconds).
            var ra = pick < 0.5 ? 1 + (int)(Draw(key, n, 7) * 5) : 0;
            return new FaultDecision(FaultKind.Status, 503, false, "status503", ra);
        }

        if (u < (edge += StrictRates.Status504))
        {
            return new FaultDecision(FaultKind.Status, 504, false, "status504");
        }

        if (u < (edge += StrictRates.Status507))
        {
            return new FaultDecision(FaultKind.Status, 507, false, "status507");
        }

        if (u < (edge += StrictRates.Status509))
        {
            return new FaultDecision(FaultKind.Status, 509, false, "status509");
        }

        if (u < edge + StrictRates.Spurious429)
        {
            return FaultDecision.From(EmulatorFault.Throttle429);
        }

        var v = Draw(key, n, 3) / _strictScale;
        if (isWrite && v < StrictRates.LostResponse)
        {
            return pick < 0.4 ? FaultDecision.From(EmulatorFault.LostResponse503)
                : pick < 0.8 || inBatch ? FaultDecision.From(EmulatorFault.LostResponse504)
                : FaultDecision.From(EmulatorFault.LostResponseAbort);
        }

        if (isWrite && v < StrictRates.LostResponse + StrictRates.Timeout)
        {
            return FaultDecision.From(pick < 0.5 ? EmulatorFault.TimeoutApplied : EmulatorFault.TimeoutNotApplied);
        }

        var w = Draw(key, n, 8) / _strictScale;
        return !inBatch && w < StrictRates.Drop ? FaultDecision.From(EmulatorFault.DropConnection) : FaultDecision.None;
    }
}
