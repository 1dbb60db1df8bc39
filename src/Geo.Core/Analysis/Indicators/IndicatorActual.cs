namespace Geo.Core.Analysis.Indicators;

/// <summary>One recorded actual value of an 附件1 indicator. Records are only ever appended; <see cref="Sequence"/> orders them.</summary>
public sealed record IndicatorActual(long Sequence, long IndicatorId, double Value, DateOnly AsOf, string? Note, DateTimeOffset RecordedAt);

/// <summary>A new actual value, as staff send it.</summary>
public sealed record NewIndicatorActual(long IndicatorId, double Value, DateOnly AsOf, string? Note);
