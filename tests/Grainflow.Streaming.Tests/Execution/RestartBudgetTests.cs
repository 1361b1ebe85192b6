using Grainflow.Streaming.Execution;

namespace Grainflow.Streaming.Tests.Execution;

public sealed class RestartBudgetTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static readonly RestartStrategy s_threePerMinute = new()
    {
        MaxRestarts = 3,
        Window = TimeSpan.FromMinutes(1),
        InitialDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromMilliseconds(350),
    };

    [Fact]
    public void TryTake_MoreRestartsThanAllowedWithinTheWindow_RefusesTheOneTooMany()
    {
        var budget = new RestartBudget(s_threePerMinute);

        var taken = Enumerable.Range(0, 4).Select(i => budget.TryTake(s_start.AddSeconds(i), out _)).ToList();

        Assert.Equal([true, true, true, false], taken);
        Assert.Equal(3, budget.Count);
    }

    [Fact]
    public void TryTake_TheOldestRestartLeftTheWindow_AllowsOneMore()
    {
        var budget = new RestartBudget(s_threePerMinute);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(budget.TryTake(s_start.AddSeconds(i), out _));
        }

        Assert.False(budget.TryTake(s_start.AddSeconds(59), out _));
        Assert.True(budget.TryTake(s_start.AddSeconds(60), out _));
        Assert.False(budget.TryTake(s_start.AddSeconds(60.5), out _));
    }

    [Fact]
    public void TryTake_RestartsWithoutACheckpointBetween_DelayDoublesUpToTheMaximum()
    {
        var budget = new RestartBudget(s_threePerMinute with { MaxRestarts = 10 });

        var delays = Enumerable.Range(0, 4).Select(i =>
        {
            Assert.True(budget.TryTake(s_start.AddSeconds(i), out var delay));
            return delay.TotalMilliseconds;
        }).ToList();

        Assert.Equal([100d, 200d, 350d, 350d], delays);
    }

    [Fact]
    public void TryTake_AfterACompletedCheckpoint_DelayStartsOverButTheWindowStillCounts()
    {
        var budget = new RestartBudget(s_threePerMinute);
        Assert.True(budget.TryTake(s_start, out _));
        Assert.True(budget.TryTake(s_start.AddSeconds(1), out _));

        budget.OnCheckpointCompleted();

        Assert.True(budget.TryTake(s_start.AddSeconds(2), out var delay));
        Assert.Equal(TimeSpan.FromMilliseconds(100), delay);
        Assert.False(budget.TryTake(s_start.AddSeconds(3), out _));
    }

    [Fact]
    public void TryTake_NoRestartsAllowed_RefusesTheFirst()
    {
        var budget = new RestartBudget(RestartStrategy.None);

        Assert.False(budget.TryTake(s_start, out _));
        Assert.Equal(0, budget.Count);
    }
}
