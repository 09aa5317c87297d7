using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Source-generated JSON of the records the CLI document lists (the same options as the document's own context:
/// web defaults, camelCase), so <see cref="RecordSpool{T}"/> can write each record once, as the document will hold it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TrafficConversation))]
[JsonSerializable(typeof(DnsMessageRecord))]
[JsonSerializable(typeof(HttpRequestRecord))]
[JsonSerializable(typeof(TlsClientHelloRecord))]
[JsonSerializable(typeof(StratumMessageRecord))]
[JsonSerializable(typeof(TrafficHostSummary))]
[JsonSerializable(typeof(List<TrafficConversation>))]
internal sealed partial class TrafficRecordJson : JsonSerializerContext;
