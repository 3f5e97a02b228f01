using GraphEmulator.Faults;

namespace GraphEmulator.Tests.Faults;

public sealed class LatencyModelTests
{
    [Fact]
    public void Realistic_latency_is_log_normal_around_the_per_method_median_and_divided_by_k()
    {
        var model = new LatencyModel();
        model.Configure("realistic", seed: 3, k: 1);
        var gets = Enumerable.Range(0, 2001).Select(_ => model.ForRequest("GET")).Order().ToList();
        var posts = Enumerable.Range(0, 2001).Select(_ => model.ForRequest("POST")).Order().ToList();
        Assert.InRange(gets[1000], 230, 270);
        Assert.InRange(posts[1000], 370, 430);
        Assert.True(gets[1900] > gets[1000] * 1.4, "σ ≈ 0.3 gives a visible tail");

        model.Configure("realistic", seed: 3, k: 10);
        var compressed = Enumerable.Range(0, 2001).Select(_ => model.ForRequest("GET")).Order().ToList();
        Assert.InRange(compressed[1000], 23, 27);
        Assert.Equal(5, model.BatchOverhead);
    }

    [Fact]
    public void Latency_is_off_unless_asked_for()
    {
        var model = new LatencyModel();
        model.Configure("off", seed: 0, k: 1);
        Assert.Equal(0, model.ForRequest("POST"));
        Assert.Equal(0, model.BatchOverhead);
    }
}
