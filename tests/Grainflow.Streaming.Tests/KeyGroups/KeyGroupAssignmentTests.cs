using Grainflow.Streaming.KeyGroups;

namespace Grainflow.Streaming.Tests.KeyGroups;

public sealed class KeyGroupAssignmentTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(128)]
    [InlineData(1000)]
    public void RangeFor_EveryParallelismUpToMax_PartitionsAllKeyGroupsWithoutGapOrOverlap(int maxParallelism)
    {
        for (var parallelism = 1; parallelism <= maxParallelism; parallelism++)
        {
            var next = 0;
            for (var task = 0; task < parallelism; task++)
            {
                var range = KeyGroupAssignment.RangeFor(task, maxParallelism, parallelism);
                Assert.True(range.Start == next, $"p={parallelism} task {task} starts at {range.Start}, expected {next}");
                Assert.True(range.End >= range.Start, $"p={parallelism} task {task} has the empty range {range}");
                next = range.End + 1;
            }

            Assert.True(next == maxParallelism, $"p={parallelism}: the ranges end at {next - 1}, expected {maxParallelism - 1}");
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(128)]
    public void TaskFor_EveryKeyGroupAndParallelism_AgreesWithRangeFor(int maxParallelism)
    {
        for (var parallelism = 1; parallelism <= maxParallelism; parallelism++)
        {
            for (var keyGroup = 0; keyGroup < maxParallelism; keyGroup++)
            {
                var task = KeyGroupAssignment.TaskFor(keyGroup, maxParallelism, parallelism);
                Assert.InRange(task, 0, parallelism - 1);
                Assert.True(
                    KeyGroupAssignment.RangeFor(task, maxParallelism, parallelism).Contains(keyGroup),
                    $"p={parallelism}: key group {keyGroup} goes to task {task}, whose range is {KeyGroupAssignment.RangeFor(task, maxParallelism, parallelism)}");
            }
        }
    }

    [Fact]
    public void RangeFor_128GroupsOver3Tasks_IsFlinksSplit()
    {
        Assert.Equal(new KeyGroupRange(0, 42), KeyGroupAssignment.RangeFor(0, 128, 3));
        Assert.Equal(new KeyGroupRange(43, 85), KeyGroupAssignment.RangeFor(1, 128, 3));
        Assert.Equal(new KeyGroupRange(86, 127), KeyGroupAssignment.RangeFor(2, 128, 3));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(127, 127)]
    [InlineData(128, 0)]
    [InlineData(-1, 127)]
    [InlineData(int.MinValue, 0)]
    public void KeyGroupFor_AnyHash_IsUnsignedModulo(int hash, int expected) =>
        Assert.Equal(expected, KeyGroupAssignment.KeyGroupFor(hash, 128));

    [Fact]
    public void RangeFor_TaskIndexOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyGroupAssignment.RangeFor(-1, 128, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyGroupAssignment.RangeFor(2, 128, 2));
    }
}
