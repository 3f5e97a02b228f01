namespace GraphEmulator.Faults;

/// <summary>
/// Log-normal service time per method (docs/graph-behaviour.md §T6.5, all [emu]): GET median 250 ms, writes
/// 400 ms, σ 0.3; a batch adds 50 ms; the token endpoint 150 ms. Divided by k. Seeded.
/// </summary>
internal sealed class LatencyModel
{
    private const double Sigma = 0.3;
    private Random _random = new(0);
    private volatile bool _enabled;
    private double _k = 1;

    public void Configure(string profile, int seed, double k)
    {
        _enabled = profile.ToLowerInvariant() switch
        {
            "off" => false,
            "realistic" => true,
            _ => throw new ArgumentException($"Unknown latency profile '{profile}' (off, realistic).", nameof(profile)),
        };
        _random = new Random(seed);
        _k = k;
    }

    public bool Enabled => _enabled;

    public double ForRequest(string method) => Sample(method == "GET" ? 250 : 400);

    public double BatchOverhead => _enabled ? 50 / _k : 0;

    public double TokenEndpoint => _enabled ? 150 / _k : 0;

    private double Sample(double medianMs)
    {
        if (!_enabled)
        {
            return 0;
        }

        double u1, u2;
        lock (_random)
        {
            u1 = 1.0 - _random.NextDouble();
            u2 = _random.NextDouble();
        }

        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return medianMs * Math.Exp(Sigma * normal) / _k;
    }
}
