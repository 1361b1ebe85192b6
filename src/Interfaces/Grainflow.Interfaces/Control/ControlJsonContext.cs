using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grainflow.Interfaces.Control;

/// <summary>The control API's JSON contract (camelCase), shared by the silo and the client.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(JobStatusView))]
[JsonSerializable(typeof(IReadOnlyList<CheckpointView>))]
[JsonSerializable(typeof(IReadOnlyList<SavepointView>))]
[JsonSerializable(typeof(SavepointView))]
[JsonSerializable(typeof(StateValueView))]
[JsonSerializable(typeof(CreateSavepointRequest))]
[JsonSerializable(typeof(StopJobRequest))]
[JsonSerializable(typeof(TriggeredCheckpointView))]
[JsonSerializable(typeof(StartJobRequest))]
[JsonSerializable(typeof(StartedJobView))]
[JsonSerializable(typeof(IReadOnlyList<JobSummaryView>))]
[JsonSerializable(typeof(RescaleJobRequest))]
[JsonSerializable(typeof(RescaledJobView))]
public sealed partial class ControlJsonContext : JsonSerializerContext;
