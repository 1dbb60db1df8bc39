namespace Geo.Api.Analysis;

/// <summary>
/// Every fixed word of the printable reports, in Chinese and in English, in one place. Field titles and coded values
/// are not here: they come from the catalog (<see cref="Catalog"/>), which names each in both languages. Proper names
/// from the data (projects, townships, 开州区, lead units) stay as the data write them.
/// </summary>
internal sealed class ReportText
{
    public static readonly ReportText Zh = new()
    {
        English = false,
        HtmlLang = "zh-CN",
        Schematic = "示意",
        GeneratedAt = "生成时间：",
        BeijingTime = "（北京时间）",
        DataNote = Analysis.DataNote.Text,
        NoShapes = "（无图形）",
        AreaText = (m2, ha, mu) => $"面积 {m2} 平方米 / {ha} 公顷 / {mu} 亩",
        AreaHeaders = ["面积（m²）", "（公顷）", "（亩）"],
        Comma = "，",
        ListSeparator = "；",
        None = "无",
        ComplianceTitle = "合规性审查",
        ComplianceUploadTitle = "合规性审查（上传文件）",
        SubjectHeading = "审查对象",
        VerdictHeading = "结论：",
        FindingHeaders = ["类型", "管控边界", "说明"],
        ShareOfSubject = "占对象面积",
        NoConflicts = "未发现冲突",
        Verdict = "结论",
        ConflictsAndWarnings = "冲突与警示",
        ProjectsTitle = "范围内重大项目统计",
        ProjectsUploadTitle = "范围内重大项目统计（上传文件）",
        AreaHeading = "范围",
        SummaryHeading = "汇总",
        ProjectSummary = (count, total, apportioned, apportionedCount) =>
            $"项目 {count} 个，计划总投资 {total} 万元；按范围内面积分摊后 {apportioned} 万元（分摊项目 {apportionedCount} 个）。",
        GroupHeaders = new Dictionary<string, string> { ["by_group"] = "按类别", ["by_funding"] = "按投资类别", ["by_start_year"] = "按开工年份", ["by_lead_unit"] = "按牵头单位" },
        StartYear = year => $"{year}年开工",
        ProjectCount = "项目数",
        ApportionedWan = "分摊后（万元）",
        ProjectListHeading = "项目清单",
        Number = "序号",
        ShareInside = "范围内占比",
        AreaInsideHeaders = ["范围内面积（m²）", "（公顷）", "（亩）"],
        CountedWan = "计入投资（万元）",
        Basis = "口径",
        Apportioned = ProjectsInAreaExport.Apportioned,
        Whole = ProjectsInAreaExport.Whole,
        FileHeading = "文件",
        FileLine = (file, format, count, crs, source) => $"{file}（{format}，{count} 个地块/要素），坐标系 {crs}（来自 {source}）",
        Encoding = encoding => $"，文字编码 {encoding}",
        OffsetRepair = (from, vertices, shift) => $"；已由 {from} 纠正至 CGCS2000：{vertices} 个坐标点，平均偏移 {shift} 米",
        ParcelHeaders = ["地块编号", "地块名称"],
    };

    public static readonly ReportText En = new()
    {
        English = true,
        HtmlLang = "en",
        Schematic = "schematic",
        GeneratedAt = "Generated: ",
        BeijingTime = " (Beijing time)",
        DataNote = Analysis.DataNote.En,
        NoShapes = "(no shapes)",
        AreaText = (m2, ha, mu) => $"area {m2} m² / {ha} ha / {mu} mu",
        AreaHeaders = ["Area (m²)", "(ha)", "(mu)"],
        Comma = ", ",
        ListSeparator = "; ",
        None = "none",
        ComplianceTitle = "Compliance review",
        ComplianceUploadTitle = "Compliance review (uploaded file)",
        SubjectHeading = "Subject",
        VerdictHeading = "Verdict: ",
        FindingHeaders = ["Type", "Control line", "Description"],
        ShareOfSubject = "Share of subject",
        NoConflicts = "No conflicts found",
        Verdict = "Verdict",
        ConflictsAndWarnings = "Conflicts and warnings",
        ProjectsTitle = "Major projects in an area",
        ProjectsUploadTitle = "Major projects in an area (uploaded file)",
        AreaHeading = "Area",
        SummaryHeading = "Summary",
        ProjectSummary = (count, total, apportioned, apportionedCount) =>
            $"Projects: {count}; planned investment {total} ×10⁴ yuan; apportioned by the area inside: {apportioned} ×10⁴ yuan (projects apportioned: {apportionedCount}).",
        GroupHeaders = new Dictionary<string, string> { ["by_group"] = "By group", ["by_funding"] = "By funding", ["by_start_year"] = "By start year", ["by_lead_unit"] = "By lead unit" },
        StartYear = year => $"started {year}",
        ProjectCount = "Projects",
        ApportionedWan = "Apportioned (×10⁴ yuan)",
        ProjectListHeading = "Project list",
        Number = "No.",
        ShareInside = "Share inside",
        AreaInsideHeaders = ["Area inside (m²)", "(ha)", "(mu)"],
        CountedWan = "Counted investment (×10⁴ yuan)",
        Basis = "Basis",
        Apportioned = "apportioned by area",
        Whole = "counted whole",
        FileHeading = "File",
        FileLine = (file, format, count, crs, source) => $"{file} ({format}, {count} parcels/features), CRS {crs} (from {source})",
        Encoding = encoding => $", text encoding {encoding}",
        OffsetRepair = (from, vertices, shift) => $"; corrected from {from} to CGCS2000: {vertices} coordinates, mean shift {shift} m",
        ParcelHeaders = ["Parcel no.", "Parcel name"],
    };

    public required bool English { get; init; }

    public required string HtmlLang { get; init; }

    /// <summary>The mark on everything drawn by hand (data honesty).</summary>
    public required string Schematic { get; init; }

    public required string GeneratedAt { get; init; }

    public required string BeijingTime { get; init; }

    public required string DataNote { get; init; }

    public required string NoShapes { get; init; }

    /// <summary>An area in running text from its m², hectare and mu figures.</summary>
    public required Func<string, string, string, string> AreaText { get; init; }

    /// <summary>The m², hectare and mu column titles.</summary>
    public required IReadOnlyList<string> AreaHeaders { get; init; }

    public required string Comma { get; init; }

    public required string ListSeparator { get; init; }

    public required string None { get; init; }

    public required string ComplianceTitle { get; init; }

    public required string ComplianceUploadTitle { get; init; }

    public required string SubjectHeading { get; init; }

    public required string VerdictHeading { get; init; }

    /// <summary>The type, control line and description column titles of the findings.</summary>
    public required IReadOnlyList<string> FindingHeaders { get; init; }

    public required string ShareOfSubject { get; init; }

    public required string NoConflicts { get; init; }

    public required string Verdict { get; init; }

    public required string ConflictsAndWarnings { get; init; }

    public required string ProjectsTitle { get; init; }

    public required string ProjectsUploadTitle { get; init; }

    public required string AreaHeading { get; init; }

    public required string SummaryHeading { get; init; }

    /// <summary>The summary sentence from the count, total, apportioned total and apportioned count.</summary>
    public required Func<string, string, string, string, string> ProjectSummary { get; init; }

    /// <summary>The title of each breakdown, by its name in <see cref="ProjectsInAreaExport.Groups"/>.</summary>
    public required IReadOnlyDictionary<string, string> GroupHeaders { get; init; }

    public required Func<string, string> StartYear { get; init; }

    public required string ProjectCount { get; init; }

    public required string ApportionedWan { get; init; }

    public required string ProjectListHeading { get; init; }

    public required string Number { get; init; }

    public required string ShareInside { get; init; }

    public required IReadOnlyList<string> AreaInsideHeaders { get; init; }

    public required string CountedWan { get; init; }

    public required string Basis { get; init; }

    public required string Apportioned { get; init; }

    public required string Whole { get; init; }

    public required string FileHeading { get; init; }

    /// <summary>The file paragraph from its name, format, feature count, CRS and where the CRS came from.</summary>
    public required Func<string, string, int, string, string, string> FileLine { get; init; }

    public required Func<string, string> Encoding { get; init; }

    public required Func<string, int, string, string> OffsetRepair { get; init; }

    /// <summary>The 地块 number and name column titles.</summary>
    public required IReadOnlyList<string> ParcelHeaders { get; init; }

    public static ReportText Of(ReportLanguage language) => language switch
    {
        ReportLanguage.Zh => Zh,
        ReportLanguage.En => En,
        _ => throw new System.Diagnostics.UnreachableException($"ReportLanguage {language} has no text"),
    };

    public string Text(Wording wording)
    {
        ArgumentNullException.ThrowIfNull(wording);
        return wording.In(English);
    }

    /// <summary>A coded value's name from the catalog.</summary>
    public string Code(CodeList list, object? code)
    {
        ArgumentNullException.ThrowIfNull(list);
        var value = code?.ToString() ?? string.Empty;
        return English ? list.TitleEn(value) : list.TitleZh(value);
    }

    /// <summary>A field's title from the catalog.</summary>
    public string Field(CollectionDefinition collection, string property)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var definition = collection.FindProperty(property) ?? throw new ArgumentException($"{collection.Id} has no property {property}", nameof(property));
        return English ? definition.TitleEn : definition.TitleZh;
    }

    /// <summary>A verdict, which answers write by its Chinese name, named from the catalog.</summary>
    public string VerdictName(string verdict) =>
        English ? Catalog.ComplianceVerdicts.Values.FirstOrDefault(v => v.TitleZh == verdict)?.TitleEn ?? verdict : verdict;

    public string SeverityName(ComplianceFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return Code(Catalog.ComplianceSeverities, ComplianceFinding.CodeOf(finding.Severity));
    }

    /// <summary>
    /// A finding's description: answers carry it in Chinese; in English it is said again from the catalog's name of
    /// the control line (the part outside the 城镇开发边界 has no constraint feature).
    /// </summary>
    public string Description(ComplianceFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (!English)
        {
            return finding.Description;
        }

        var kind = Catalog.ConstraintKinds.TitleEn(finding.Kind).ToLowerInvariant();
        return finding.Kind == Catalog.UrbanBoundary && finding.ConstraintId is null ? $"outside the {kind}" : $"overlaps the {kind}";
    }

    /// <summary>A subject's name: a drawn site is named in the report's language, a stored feature by its own name.</summary>
    public string SubjectName(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Collection is null && subject.Name == Subject.DrawnArea.Zh ? Text(Subject.DrawnArea) : subject.Name;
    }
}
