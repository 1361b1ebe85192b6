using Grainflow.Grains.Placement;

namespace Grainflow.Grains.Tests.Rescale;

/// <summary>Which tasks move when a job starts again: the homeless ones, and as few others as an even share takes.</summary>
public sealed class TaskBalancerTests
{
    private static readonly string[] s_tasks = ["t0", "t1", "t2", "t3", "t4", "t5"];

    [Fact]
    public void EvenlyPlaced_NothingMoves()
    {
        var current = Placed(("t0", "a"), ("t1", "b"), ("t2", "c"), ("t3", "a"), ("t4", "b"), ("t5", "c"));

        Assert.Empty(TaskBalancer.Plan(s_tasks, current, ["a", "b", "c"]));
    }

    [Fact]
    public void SiloJoins_TakesAnEvenShareFromTheFullestSilos_OthersStay()
    {
        var current = Placed(("t0", "a"), ("t1", "b"), ("t2", "a"), ("t3", "b"), ("t4", "a"), ("t5", "b"));

        var moves = TaskBalancer.Plan(s_tasks, current, ["a", "b", "c"]);

        // Each of a and b gives its last task to c: 2 tasks per silo, 2 moves.
        Assert.Equal(new Dictionary<string, string> { ["t4"] = "c", ["t5"] = "c" }, moves);
    }

    [Fact]
    public void SiloGone_ItsTasksGoToTheSilosWithRoom()
    {
        var current = Placed(("t0", "a"), ("t1", "b"), ("t2", "gone"), ("t3", "a"), ("t4", "b"), ("t5", "gone"));

        var moves = TaskBalancer.Plan(s_tasks, current, ["a", "b"]);

        Assert.Equal(new Dictionary<string, string> { ["t2"] = "a", ["t5"] = "b" }, moves);
    }

    [Fact]
    public void NewTasksOfARescale_FillTheSilosWithRoom_UnevenShareGoesToTheFullest()
    {
        // Rescaled from 4 tasks (2 on a, 2 on b) to 6 with a third silo: c takes the two new ones.
        var current = Placed(("t0", "a"), ("t1", "b"), ("t2", "a"), ("t3", "b"));

        var moves = TaskBalancer.Plan(s_tasks, current, ["a", "b", "c"]);

        Assert.Equal(new Dictionary<string, string> { ["t4"] = "c", ["t5"] = "c" }, moves);
    }

    [Fact]
    public void MoreSilosThanTasks_EachTaskOnItsOwnSilo()
    {
        var current = Placed(("t0", "a"), ("t1", "a"));

        var moves = TaskBalancer.Plan(["t0", "t1"], current, ["a", "b", "c"]);

        Assert.Equal(new Dictionary<string, string> { ["t1"] = "b" }, moves);
    }

    private static Dictionary<string, string> Placed(params (string Task, string Silo)[] placements) =>
        placements.ToDictionary(p => p.Task, p => p.Silo, StringComparer.Ordinal);
}
