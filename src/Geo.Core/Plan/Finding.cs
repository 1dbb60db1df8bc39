namespace Geo.Core.Plan;

public enum FindingLevel
{
    /// <summary>The data agrees with the plan.</summary>
    Ok,

    /// <summary>Worth knowing but not wrong in our data: an inconsistency inside the plan itself, a sample figure over capacity.</summary>
    Note,

    /// <summary>Our data does not reconcile with the plan or breaks a rule; check-data fails.</summary>
    Error,
}

/// <summary>One line of the data-quality report.</summary>
public sealed record Finding(FindingLevel Level, string Subject, string Message)
{
    public override string ToString() => $"{Level.ToString().ToUpperInvariant(),-5} {Subject}: {Message}";
}
