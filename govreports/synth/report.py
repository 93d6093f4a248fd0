"""Realistic synthetic annual reports with known numbers (gold records) for tests, benchmarks and the demo.

Numbers are random, mostly non-zero and mutually different, and obey the template's
arithmetic exactly, so a parse can be compared cell by cell and every check must pass.
Rows and columns are read from :mod:`govreports.template.national`, never re-declared.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from govreports.template.national import (
    ACTIVE_DISCLOSURE,
    APPLICANT_PARTS,
    APPLICATIONS,
    OUTCOME_PARTS,
    RESULT_ROWS,
    REVIEWS_LITIGATION,
)

DISTRICTS = ("门头沟区", "桥西区", "通州区", "南谯区", "西城区", "武昌区", "大丰区", "沙坪坝区", "赤壁市", "番禺区",
             "荔浦市", "安溪县", "清水县", "绥宁县", "鹤庆县", "临平区", "嵊州市", "永嘉县", "高平市", "通榆县")
BUREAUS = ("人民政府办公室", "教育局", "民政局", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局",
           "住房和城乡建设局", "交通运输局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "应急管理局",
           "市场监督管理局", "医疗保障局", "科学技术局", "司法局", "人民政府", "城市管理综合行政执法局")
PARAGRAPHS = (
    "{y}年，{a}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "围绕中心工作，持续深化政务公开，不断提升政府信息公开工作质量。",
    "（一）主动公开情况。全年通过门户网站主动公开政府信息{n}条，其中政策文件{m}条，及时更新机构职能、"
    "财政预决算等基础信息。",
    "（二）依申请公开情况。严格按照法定时限答复，规范办理流程，做到件件有回复、事事有着落。",
    "（三）政府信息管理。健全信息发布审核机制，落实保密审查制度，动态调整主动公开基本目录。",
    "（四）平台建设情况。加强政府网站和政务新媒体管理，优化栏目设置，提升平台服务能力。",
    "（五）监督保障情况。将政务公开工作纳入年度考核，开展业务培训，强化监督检查。",
)
PROBLEMS = ("{y}年我单位政府信息公开工作取得一定成效，但仍存在公开内容不够丰富、政策解读形式较为单一等问题。"
            "下一步，将进一步完善工作机制，丰富解读形式，提升公开质量。")
OTHER = ("根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度未收取信息处理费。",
         "无。", "本年度无其他需要报告的事项。")


@dataclass
class SynthReport:
    """A generated report: the gold record (SCHEMA.md shape) and the narrative to render around it."""

    gold: dict[str, Any]
    paragraphs: list[str] = field(default_factory=list)
    problems: str = ""
    other: str = ""
    signed: str = ""  # the date under the signature
    #: Damage to show on the page (see govreports.synth.damage): the gold stays the true record.
    page_changes: dict[str, Any] = field(default_factory=dict)

    @property
    def edition(self) -> str:
        return self.gold["edition"]


def _rng(seed: int | random.Random) -> random.Random:
    return seed if isinstance(seed, random.Random) else random.Random(seed)


def _count(rng: random.Random, zero_share: float, hi: int = 40) -> int:
    return 0 if rng.random() < zero_share else rng.randint(1, hi)


def _applications(rng: random.Random, edition: str, zero_share: float) -> dict[str, dict[str, int]]:
    results = RESULT_ROWS[edition]
    table: dict[str, dict[str, int]] = {}
    for row in results:
        his = {"granted": 60, "partially_granted": 20, "unavailable.not_held": 25}
        share = zero_share if row in his else max(zero_share, 0.55)
        table[row] = {c: _count(rng, share, his.get(row, 9)) for c in APPLICANT_PARTS}
    total = {c: sum(table[r][c] for r in results) for c in APPLICANT_PARTS}
    forward = {c: (rng.randint(0, min(5, total[c])) if total[c] else 0) for c in APPLICANT_PARTS}
    over = {c: rng.randint(0, forward[c] + 3) for c in APPLICANT_PARTS}
    over = {c: min(over[c], total[c] + forward[c]) for c in APPLICANT_PARTS}
    new = {c: total[c] + forward[c] - over[c] for c in APPLICANT_PARTS}
    table.update({"new_received": new, "carried_over": over, "total": total, "carried_forward": forward})
    for cols in table.values():
        cols["total"] = sum(cols[c] for c in APPLICANT_PARTS)
    return {r.code: {c.code: table[r.code][c.code] for c in r.columns} for r in APPLICATIONS.rows_for(edition)}


def _active(rng: random.Random, edition: str, zero_share: float) -> dict[str, dict[str, int | float]]:
    out: dict[str, dict[str, int | float]] = {}
    for row in ACTIVE_DISCLOSURE.rows_for(edition):
        cells: dict[str, int | float] = {}
        for col in row.columns:
            if col.unit == "10k_yuan":
                cells[col.code] = 0 if rng.random() < zero_share else float(f"{rng.uniform(0.5, 3000):.4f}")
            elif col.code == "change":
                cells[col.code] = rng.randint(-6, 9)
            elif col.code in ("decisions",) and row.code == "licensing":
                cells[col.code] = _count(rng, zero_share, 2500)
            else:
                cells[col.code] = _count(rng, zero_share, 60)
        out[row.code] = cells
    return out


def _reviews(rng: random.Random, zero_share: float) -> dict[str, dict[str, int]]:
    out = {}
    for row in REVIEWS_LITIGATION.rows_for("2021"):
        cells = {p: _count(rng, max(zero_share, 0.4), 6) for p in OUTCOME_PARTS}
        cells["total"] = sum(cells.values())
        out[row.code] = cells
    return out


def generate_report(seed: int | random.Random, *, edition: str = "2021", year: int | None = None,
                    agency: str | None = None, zero_share: float = 0.2) -> SynthReport:
    """A report of the given template edition with a full, arithmetic-consistent gold record."""
    rng = _rng(seed)
    if year is None:
        year = rng.choice((2019, 2020)) if edition == "2019" else rng.randint(2021, 2025)
    if agency is None:
        agency = rng.choice(DISTRICTS) + rng.choice(BUREAUS)
    title = f"{agency}{year}年政府信息公开工作年度报告"
    n = rng.randint(30, 900)
    paragraphs = [p.format(y=year, a=agency, n=n, m=rng.randint(1, max(1, n // 3))) for p in PARAGRAPHS]
    problems = PROBLEMS.format(y=year)
    gold = {
        "schema_version": 1, "title": title, "agency": agency, "year": year, "edition": edition,
        "original_script": "simplified",
        "active_disclosure": _active(rng, edition, zero_share),
        "applications": _applications(rng, edition, zero_share),
        "reviews_litigation": _reviews(rng, zero_share),
    }
    signed = f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"
    return SynthReport(gold, paragraphs, problems, rng.choice(OTHER), signed)
