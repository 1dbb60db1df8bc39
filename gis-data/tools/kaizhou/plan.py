"""Parsing the plan text: the four annexes (附件1-4) and the dated milestones. Figures are copied, never retyped."""

import calendar
import re

from .checks import check


def split_plan(text):
    """The main text lines and the lines of 附件1..附件4 (each marker on a line of its own)."""
    lines = text.split("\n")
    marks = []
    for i, line in enumerate(lines):
        m = re.fullmatch(r"附件([1-4])", line.strip())
        if m:
            marks.append((i, int(m.group(1))))
    check([k for _, k in marks] == [1, 2, 3, 4], "expected the markers 附件1..附件4 once each, got %r" % marks)
    sections = {}
    for j, (i, k) in enumerate(marks):
        end = marks[j + 1][0] if j + 1 < len(marks) else len(lines)
        sections[k] = lines[i + 1:end]
    return lines[:marks[0][0]], sections



def table_rows(lines):
    """Tab-indented table: a line starting with TAB opens a cell; a TAB line that
    follows a blank line opens a new row; a non-TAB, non-blank line continues the
    previous cell (cells split over several lines)."""
    rows, row, prev_blank = [], None, False
    for line in lines:
        if line.startswith("\t"):
            if row is None or prev_blank:
                row = []
                rows.append(row)
            row.append([line[1:]])
            prev_blank = False
        elif line.strip() == "":
            prev_blank = True
        else:
            if row is not None:
                row[-1].append(line)
            prev_blank = False
    return rows


def cell(frags, sep=""):
    return sep.join(f.strip() for f in frags if f.strip() != "")


def parse_indicators(sec):
    rows = table_rows(sec)
    header = [cell(c) for c in rows[0]]
    check(header == ["序号", "指标名称", "2025年", "区级牵头单位", "备注"], "附件1 header: %r" % header)
    out = []
    for r in rows[1:]:
        check(len(r) == 5, "附件1 row with %d cells: %r" % (len(r), r))
        name, target = cell(r[1]), cell(r[2])
        m = re.fullmatch(r"(≥|≤)?([0-9]+(?:\.[0-9]+)?)(%|个百分点)?(左右)?", target)
        check(m is not None, "附件1 target not understood: %r" % target)
        if m.group(1):
            comparator = {"≥": ">=", "≤": "<="}[m.group(1)]
        elif m.group(4) or "约" in target:
            comparator = "~"
        else:
            comparator = "="
        pm = re.search(r"（([^（）]+)）$", name)
        unit = pm.group(1) if pm else (m.group(3) or "")
        out.append({"id": int(cell(r[0])), "name": name, "target_text": target, "comparator": comparator,
                    "target_value": m.group(2), "target_unit": unit,
                    "lead_unit": cell(r[3], "、"), "remarks": cell(r[4])})
    return out


def parse_simple_list(sec, title):
    rows = table_rows(sec)
    header = [cell(c) for c in rows[0]]
    check(header == ["序号", title, "区级牵头单位", "备注"], "%s header: %r" % (title, header))
    out = []
    for r in rows[1:]:
        check(len(r) == 4, "%s row with %d cells" % (title, len(r)))
        out.append({"id": int(cell(r[0])), "text": cell(r[1]), "lead_unit": cell(r[2], "、"),
                    "remarks": cell(r[3])})
    return out


CATEGORY_KEYS = {"一": "resettlement", "二": "industry", "三": "employment", "四": "public_service",
                 "五": "municipal"}
GROUP_RE = re.compile(r"（([一二三四五])）(.+?)(\d+)个")
TOTAL_RE = re.compile(r"合计项目(\d+)个.*")


def number(s):
    s = s.strip()
    check(re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", s) is not None, "not a number: %r" % s)
    v = float(s)
    return int(v) if v == int(v) else v


def summary_value(r):
    vals = [cell(c) for c in r[1:]]
    nums = [v for v in vals if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", v)]
    check(len(nums) == 1, "summary row without exactly one number: %r" % vals)
    return number(nums[0])


def parse_projects(sec):
    rows = table_rows(sec)
    header = [cell(c) for c in rows[0]]
    check(header == ["序号", "项目名称", "项目业主", "投资类别", "建设年限", "主要建设内容及规模", "计划总投资",
                     "牵头单位", "备注"], "附件4 header: %r" % header)
    total = None
    summary, headings, projects = {}, {}, []
    current = None
    for r in rows[1:]:
        first = cell(r[0])
        if TOTAL_RE.fullmatch(first):
            total = {"count": int(TOTAL_RE.fullmatch(first).group(1)), "value": summary_value(r), "text": first,
                     "row": "附件4 (单位：万元) 合计 row: " + " | ".join(cell(c) for c in r if cell(c))}
            continue
        g = GROUP_RE.fullmatch(first)
        if g:
            rec = {"group_no": g.group(1), "category": CATEGORY_KEYS[g.group(1)], "category_name": g.group(2),
                   "count": int(g.group(3)), "total": summary_value(r), "text": first}
            if not projects and g.group(1) not in summary:
                summary[g.group(1)] = rec          # 合计 block (before the first project)
            else:
                check(g.group(1) not in headings, "group heading repeated: %s" % first)
                headings[g.group(1)] = rec         # the group's own section heading
                current = rec
            continue
        check(re.fullmatch(r"\d+", first) is not None, "unexpected 附件4 row: %r" % first)
        check(len(r) == 9, "附件4 project row %s has %d cells" % (first, len(r)))
        check(current is not None, "project before any group heading")
        period = cell(r[4])
        pm = re.fullmatch(r"(\d{4})(?:—(\d{4}))?", period)
        check(pm is not None, "建设年限 not understood: %r" % period)
        start = int(pm.group(1))
        end = int(pm.group(2)) if pm.group(2) else start
        funding = cell(r[3])
        check(funding in ("政府", "市场"), "投资类别 %r" % funding)
        projects.append({"id": int(first), "name": cell(r[1]), "owner": cell(r[2]), "funding": funding,
                         "period": period, "start_year": start, "end_year": end, "scope": cell(r[5]),
                         "investment_wan": number(cell(r[6])), "lead_unit": cell(r[7], "、"),
                         "remarks": cell(r[8]), "category": current["category"],
                         "category_name": current["category_name"], "group_no": current["group_no"]})
    check(total is not None, "合计 row not found")
    return total, summary, headings, projects


MU = 10000.0 / 15.0   # 1 亩 in m²
AREA_RE = re.compile(r"(?:项目)?(?:占地|征地)([0-9]+(?:\.[0-9]+)?)(公顷|亩)(?:（[^）]*）)?")


def stated_area(scope):
    """Footprint area stated in a scope text: (m², exact phrase) or (None, None).
    Only 占地/征地 phrases count; '新征用地…亩' (land acquisition for a road) does not."""
    m = AREA_RE.search(scope)
    if not m:
        return None, None
    v = float(m.group(1))
    m2 = v * 10000.0 if m.group(2) == "公顷" else v * MU
    return round(m2, 2), m.group(0)


def parse_milestones(main_lines):
    out = []
    for line in main_lines:
        m = re.fullmatch(r"((\d{4})年(\d{1,2})月底前)，(.+?)[；。]", line.strip())
        if m:
            y, mo = int(m.group(2)), int(m.group(3))
            d = calendar.monthrange(y, mo)[1]
            out.append({"id": len(out) + 1, "due_date": "%04d-%02d-%02d" % (y, mo, d),
                        "due_text": m.group(1), "deliverable": m.group(4)})
    return out



class Plan:
    """Every table parsed from the plan text."""

    def __init__(self, text):
        self.text = text
        main_lines, sec = split_plan(text)
        self.indicators = parse_indicators(sec[1])
        self.policies = parse_simple_list(sec[2], "重大政策")
        self.reforms = parse_simple_list(sec[3], "重大改革")
        self.total, self.summary, self.headings, self.projects = parse_projects(sec[4])
        self.milestones = parse_milestones(main_lines)


def reconcile(plan):
    """Checks the parsed tables against the plan's own figures; returns the plan's inconsistencies with itself."""
    text, indicators, policies, reforms = plan.text, plan.indicators, plan.policies, plan.reforms
    total, summary, headings, projects, milestones = plan.total, plan.summary, plan.headings, plan.projects, plan.milestones
    check(len(indicators) == 15, "附件1: %d rows, expected 15" % len(indicators))
    check(len(policies) == 25, "附件2: %d rows, expected 25" % len(policies))
    check(len(reforms) == 19, "附件3: %d rows, expected 19" % len(reforms))
    check([r["id"] for r in indicators] == list(range(1, 16)), "附件1 序号")
    check([r["id"] for r in policies] == list(range(1, 26)), "附件2 序号")
    check([r["id"] for r in reforms] == list(range(1, 20)), "附件3 序号")
    check(len(projects) == 35, "附件4: %d projects, expected 35" % len(projects))
    check([p["id"] for p in projects] == list(range(1, 36)), "附件4 序号 not 1..35")
    check(total["count"] == 35, "合计项目 count %r" % total["count"])
    check(len(milestones) == 5, "进度安排: %d dated lines, expected 5" % len(milestones))
    check(sorted(summary) == sorted(headings) == sorted(CATEGORY_KEYS), "group rows incomplete")
    expected_heading_totals = {"一": 114152, "二": 145429, "三": 8556, "四": 104937, "五": 251128}
    inconsistencies = []
    grand = 0
    for g in "一二三四五":
        members = [p for p in projects if p["group_no"] == g]
        s = sum(p["investment_wan"] for p in members)
        grand += s
        check(headings[g]["total"] == expected_heading_totals[g],
              "group %s heading total %r differs from 附件4 value %r" % (g, headings[g]["total"], expected_heading_totals[g]))
        check(s == headings[g]["total"], "group %s: sum of projects %r != heading total %r" % (g, s, headings[g]["total"]))
        check(summary[g]["total"] == headings[g]["total"], "group %s: 合计 block total != heading total" % g)
        check(summary[g]["category_name"] == headings[g]["category_name"], "group %s name differs" % g)
        if summary[g]["count"] != len(members) or headings[g]["count"] != len(members):
            inconsistencies.append("group (%s) %s: 合计 block says %d, section heading says %d, %d projects listed"
                                   % (g, headings[g]["category_name"], summary[g]["count"], headings[g]["count"], len(members)))
    pm_ = re.search(r"试点期为(\d{4})年—(\d{4})年", text)
    check(pm_ is not None, "pilot period not found in the plan text")
    y0, y1 = int(pm_.group(1)), int(pm_.group(2))
    outside = ["%d (%s)" % (p["id"], p["period"]) for p in projects if p["start_year"] < y0 or p["end_year"] > y1]
    if outside:
        inconsistencies.append("projects whose 建设年限 extends outside the pilot period %d—%d: %s"
                               % (y0, y1, ", ".join(outside)))
    for p in projects:
        a_, phrase_ = stated_area(p["scope"])
        m_ = re.search(r"约([0-9]+)㎡", phrase_ or "")
        if m_ and abs(float(m_.group(1)) - a_) / a_ > 0.01:
            inconsistencies.append("project %d: %s -> %.2f m², but the text says 约%s㎡ (%.1f %% apart)"
                                   % (p["id"], phrase_, a_, m_.group(1), 100 * (float(m_.group(1)) - a_) / a_))
        m_ = re.search(r"(\d+)个乡镇", p["scope"])
        if m_:
            inconsistencies.append("project %d mentions %s个乡镇, but the district has 40 township-level units "
                                   "(townships.csv, NBS 2023)" % (p["id"], m_.group(1)))
    check(grand == 624202 and total["value"] == 624202, "grand total %r / 合计 %r != 624202" % (grand, total["value"]))
    check(sum(summary[g]["count"] for g in summary) == 35, "合计 block counts do not sum to 35")
    return inconsistencies
