"""The plan-text parsers on small hand-written inputs (the real plan is checked by the build itself)."""

import unittest

from kaizhou.checks import CheckFailed
from kaizhou.plan import (cell, number, parse_indicators, parse_milestones, parse_simple_list, split_plan, stated_area,
                          table_rows)


def table(*rows):
    """Tab-indented table text: one TAB line per cell, a blank line between rows."""
    lines = []
    for r in rows:
        lines += ["\t" + c for c in r] + [""]
    return lines


class TableRowsTests(unittest.TestCase):
    def test_a_blank_line_opens_a_new_row_and_untabbed_lines_continue_the_cell(self):
        rows = table_rows(["\t1", "\t区发展改革委", "区财政局", "", "\t2", "\t区教委"])
        self.assertEqual([[["1"], ["区发展改革委", "区财政局"]], [["2"], ["区教委"]]], rows)

    def test_cell_joins_the_fragments_and_drops_blank_ones(self):
        self.assertEqual("区发展改革委、区财政局", cell([" 区发展改革委 ", "", "区财政局"], "、"))


class IndicatorTests(unittest.TestCase):
    HEADER = ["序号", "指标名称", "2025年", "区级牵头单位", "备注"]

    def parse(self, *rows):
        return parse_indicators(table(self.HEADER, *rows))

    def test_comparators_units_and_values(self):
        out = self.parse(["1", "城镇化率（%）", "≥56", "区发展改革委", ""],
                         ["2", "城乡居民收入比", "≤2.2", "区统计局", ""],
                         ["3", "常住人口增长", "5个百分点左右", "区公安局", ""],
                         ["4", "新增企业（家）", "100", "区市场监管局", ""])
        self.assertEqual([">=", "<=", "~", "="], [r["comparator"] for r in out])
        self.assertEqual(["56", "2.2", "5", "100"], [r["target_value"] for r in out])
        self.assertEqual(["%", "", "个百分点", "家"], [r["target_unit"] for r in out])

    def test_a_target_it_cannot_read_stops_the_build(self):
        with self.assertRaises(CheckFailed):
            self.parse(["1", "城镇化率（%）", "约一半", "区发展改革委", ""])

    def test_a_wrong_header_stops_the_build(self):
        with self.assertRaises(CheckFailed):
            parse_indicators(table(["序号", "名称", "2025年", "区级牵头单位", "备注"]))


class SimpleListTests(unittest.TestCase):
    def test_lead_units_split_over_lines_are_joined(self):
        rows = ["\t序号", "\t重大政策", "\t区级牵头单位", "\t备注", "",
                "\t1", "\t户籍制度改革", "\t区公安局", "区民政局等", "\t"]
        out = parse_simple_list(rows, "重大政策")
        self.assertEqual([{"id": 1, "text": "户籍制度改革", "lead_unit": "区公安局、区民政局等", "remarks": ""}], out)


class StatedAreaTests(unittest.TestCase):
    def test_hectares_and_mu_become_square_metres(self):
        self.assertEqual((794000.0, "项目占地79.4公顷"), stated_area("建设安置房，项目占地79.4公顷，总建筑面积"))
        self.assertEqual((14666.67, "占地22亩（约15000㎡）"), stated_area("占地22亩（约15000㎡），建设"))

    def test_land_acquired_for_a_road_is_not_a_footprint(self):
        self.assertEqual((None, None), stated_area("道路长4.55km，新征用地173.3亩"))

    def test_number_refuses_text(self):
        self.assertEqual(40000, number("40000 "))
        with self.assertRaises(CheckFailed):
            number("四万")


class MilestoneAndSplitTests(unittest.TestCase):
    def test_due_dates_are_the_last_day_of_the_month(self):
        out = parse_milestones(["2024年2月底前，完成摸底调查；", "其他", "2024年12月底前，形成试点经验。"])
        self.assertEqual(["2024-02-29", "2024-12-31"], [m["due_date"] for m in out])
        self.assertEqual("完成摸底调查", out[0]["deliverable"])

    def test_annex_markers_split_the_text(self):
        main, sec = split_plan("正文\n附件1\na\n附件2\nb\n附件3\nc\n附件4\nd")
        self.assertEqual(["正文"], main)
        self.assertEqual(["d"], sec[4])

    def test_a_missing_annex_stops_the_build(self):
        with self.assertRaises(CheckFailed):
            split_plan("正文\n附件1\n附件2\n附件4\n")


if __name__ == "__main__":
    unittest.main()
