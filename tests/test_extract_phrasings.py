"""Extraction of single sentences in the phrasings real sources use, English and Chinese."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.extract import extract_article
from ingest.records import Article, Extraction, Record


def extract(text: str, lang: str, published: date = date(2024, 6, 25)) -> Extraction:
    """Extract one in-memory article."""
    article = Article(article_id="t", text=text, title=None, published=published, lang=lang,
                      source_path="<test>", key="t")
    return extract_article(article)


def found(text: str, lang: str, kind: str) -> list[Record]:
    """Records of one kind extracted from `text`."""
    return extract(text, lang).records[kind]


def roles(text: str, lang: str) -> set[tuple[str, str | None, str | None]]:
    """(person, role, organisation) of every role found."""
    return {(r.person, r.role, r.org) for r in found(text, lang, "people")}


def rounds(text: str, lang: str) -> list[tuple[str, float | None, str | None]]:
    """(company, amount in USD, status) of every funding round found."""
    return [(r.company, r.amount_usd, r.status) for r in found(text, lang, "funding_rounds")]


@pytest.mark.parametrize(("lang", "text", "company", "usd"), [
    ("en", "Groq raised $640 million in a Series D round led by BlackRock.", "Groq", 640e6),
    ("en", "Cerebras secured $1.1B in new funding, the company said.", "Cerebras", 1.1e9),
    ("en", "Etched, a startup building transformer chips, emerged from stealth with $120 million on Tuesday.",
     "Etched", 120e6),
    ("zh", "Groq是一家AI芯片初创公司，该公司周一表示已筹集了6.4亿美元。", "Groq", 640e6),
    ("zh", "d-Matrix去年年底筹集了 1.1 亿美元。", "d-Matrix", 110e6),
])
def test_closed_rounds(lang: str, text: str, company: str, usd: float) -> None:
    [(found, amount, status)] = rounds(text, lang)
    assert (found, status) == (company, "closed")
    assert amount == pytest.approx(usd, rel=1e-6)


@pytest.mark.parametrize(("lang", "text", "company"), [
    ("en", "Tenstorrent is in talks to raise about $700 million at a valuation above $2.6 billion.", "Tenstorrent"),
    ("zh", "据报道，摩尔线程正洽谈新一轮融资，拟募资20亿元。", "Moore Threads"),
])
def test_rounds_in_talks(lang: str, text: str, company: str) -> None:
    [(found, _, status)] = rounds(text, lang)
    assert (found, status) == (company, "in_talks")


def test_investor_is_never_the_company_and_leads_are_split_from_followers() -> None:
    [r] = found("壁仞科技完成B轮融资，由启明创投领投，高瓴资本跟投。", "zh", "funding_rounds")
    assert r.company == "Biren Technology"
    assert r.lead_investors == ("Qiming Venture Partners",)
    assert "Hillhouse Investment" in r.investors and "Hillhouse Investment" not in r.lead_investors


def test_cumulative_total_is_not_a_round() -> None:
    assert rounds("SambaNova has raised more than $1.1 billion in total since it was founded.", "en") == []


def test_the_total_after_bringing_is_the_amount_that_follows() -> None:
    text = ("Hailo said on Tuesday it has extended its Series C round by $120 million, bringing the total it has "
            "raised since its founding in 2017 to more than $340 million.")
    extraction = extract(text, "en")
    assert [(r.company, r.amount_usd, r.round) for r in extraction.records["funding_rounds"]] == \
        [("Hailo", 120e6, "Series C")]
    assert [t.amount_usd for t in extraction.records["funding_totals"]] == [340e6]


def test_several_completed_rounds_are_a_total_not_a_round() -> None:
    extraction = extract("燧原科技已完成多轮融资，累计融资金额超过60亿元。", "zh")
    assert extraction.records["funding_rounds"] == []
    [total] = extraction.records["funding_totals"]
    assert (total.company, total.amount, total.currency) == ("Enflame", 6e9, "CNY")


@pytest.mark.parametrize(("lang", "text", "low", "high"), [
    ("en", "According to TechInsights, Nvidia held 97.2% of the data-center GPU market in 2023.", 0.972, 0.972),
    ("en", "Analysts at Mizuho estimate Nvidia controls between 70% and 95% of the AI chip market.", 0.70, 0.95),
    ("zh", "据TechInsights统计，英伟达去年在数据中心GPU市场的份额逾九成。", 0.90, None),
])
def test_market_share_claims(lang: str, text: str, low: float, high: float | None) -> None:
    [claim] = found(text, lang, "market_share_claims")
    assert claim.subject == "Nvidia"
    assert claim.share_low == pytest.approx(low)
    assert (claim.share_high is None and high is None) or claim.share_high == pytest.approx(high)


@pytest.mark.parametrize("text", [
    "Nvidia's data-center revenue grew 154% from a year earlier.",
    "SoftBank owns about 90% of Arm.",
])
def test_percentages_that_are_not_shares(text: str) -> None:
    assert found(text, "en", "market_share_claims") == []


@pytest.mark.parametrize(("lang", "text", "company", "amount", "currency"), [
    ("zh", "12月17日，沐曦股份在上交所科创板挂牌上市。本次公开发行4010万股，发行价为104.66元/股，募资总额约41.97亿元。",
     "MetaX", 4.197e9, "CNY"),
    # the net figure restates the gross one; alone, it is the amount raised
    ("zh", "8月8日，黑芝麻智能在港交所挂牌上市。此次IPO发售价定为每股28港元，处于招股区间28.00港元至30.30港元的下限，"
           "募资总额约10.36亿港元，扣除上市开支后净额约9.5亿港元。", "Black Sesame", 1.036e9, "HKD"),
    ("zh", "2月10日，爱芯元智在港交所上市。此次港股上市，公司全球发售所得款项净额约27.9亿港元。", "Axera", 2.79e9, "HKD"),
    ("en", "CoreWeave listed its shares on the Nasdaq on Friday. The IPO raised $1.5 billion.", "CoreWeave", 1.5e9, "USD"),
])
def test_ipo_proceeds_in_a_sentence_without_the_company(lang: str, text: str, company: str, amount: float,
                                                        currency: str) -> None:
    [r] = found(text, lang, "funding_rounds")
    assert (r.company, r.round, r.status, r.currency) == (company, "IPO", "closed", currency)
    assert r.amount == pytest.approx(amount)


def test_two_rounds_in_one_sentence_keep_their_own_investors() -> None:
    text = ("AI chip startup Rebellions has been raising money steadily. In January it closed a 165 billion won "
            "(about $124 million) Series B led by KT, and in July it took a $15 million investment from Wa'ed Ventures.")
    first, second = found(text, "en", "funding_rounds")
    assert (first.company, first.round, first.lead_investors) == ("Rebellions", "Series B", ("KT",))
    assert first.amount_usd == pytest.approx(124e6)
    assert (second.company, second.amount_usd, second.investors) == ("Rebellions", 15e6, ("Wa'ed Ventures",))


@pytest.mark.parametrize(("lang", "text", "company", "raised", "valuation"), [
    ("en", "Hailo closed its Series C in October 2021, when it raised $136 million at a valuation of about $1 billion.",
     "Hailo", 136e6, 1e9),
    ("en", "Groq raised $640 million at a $2.8 billion valuation.", "Groq", 640e6, 2.8e9),
    ("zh", "今年7月曾有媒体报道，Groq正以接近60亿美元的估值洽谈约6亿美元的融资。", "Groq", 600e6, 6e9),
    ("zh", "软银在2021年主导SambaNova的一轮6.76亿美元融资，当时SambaNova的估值为50亿美元。", "SambaNova", 676e6, 5e9),
])
def test_amount_raised_and_valuation_are_not_swapped(lang: str, text: str, company: str, raised: float,
                                                     valuation: float) -> None:
    [r] = found(text, lang, "funding_rounds")
    assert r.company == company
    assert (r.amount_usd, r.valuation_usd) == (pytest.approx(raised), pytest.approx(valuation))


def test_a_unicorn_is_a_description_not_a_valuation() -> None:
    assert found("中国人工智能芯片独角兽公司寒武纪科技日前宣布完成数亿美元的B轮融资。", "zh", "valuations") == []


def test_rounds_of_the_same_size_with_different_labels_stay_two() -> None:
    text = "寒武纪科技日前宣布完成数亿美元的B轮融资。去年8月，寒武纪科技宣布完成1亿美元A轮融资。"
    assert sorted(r.round for r in found(text, "zh", "funding_rounds")) == ["Series A", "Series B"]


def test_an_investor_leading_a_round_is_not_the_company() -> None:
    text = ("Together AI said on Thursday it has raised $305 million. The valuation is well over double the "
            "$1.25 billion the startup reached in March 2024, when Salesforce Ventures led a $106 million round.")
    earlier = [r for r in found(text, "en", "funding_rounds") if r.amount_usd == 106e6]
    assert [(r.company, r.lead_investors, r.date) for r in earlier] == [
        ("Together AI", ("Salesforce Ventures",), "2024-03")]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("zh", "2022年全球HBM市场由南韩厂商主导，SK海力士市占率约50%，三星约40%，美光则约10%。",
     [("SK Hynix", 0.5), ("Samsung", 0.4), ("Micron", 0.1)]),
    ("en", "Counterpoint said SK Hynix had overtaken Samsung in DRAM revenue, with 36% of the market in the first "
           "quarter against Samsung's 34% and Micron's 25%.", [("SK Hynix", 0.36), ("Samsung", 0.34), ("Micron", 0.25)]),
    ("en", "SK Hynix shipped 62% of the world's high-bandwidth memory in the second quarter of 2025, according to "
           "Counterpoint Research.", [("SK Hynix", 0.62)]),
])
def test_share_holders(lang: str, text: str, expected: list[tuple[str, float]]) -> None:
    claims = found(text, lang, "market_share_claims")
    assert [(c.subject, pytest.approx(c.share_low)) for c in claims] == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Roughly 80% of servers with high-end GPUs are shipped to eight large cloud providers, TrendForce said."),
    ("en", "Revenue rose 737% to $1.9 billion in 2024, and Microsoft accounted for 62% of it."),
    ("zh", "寒武纪研发投入占营业收入的比例由上年同期的690.92%降至15.85%。"),
])
def test_shares_of_something_else(lang: str, text: str) -> None:
    assert found(text, lang, "market_share_claims") == []


@pytest.mark.parametrize(("text", "company", "amount"), [
    # a demonstrative with a description ("这家AI芯片公司") refers back to the company in focus
    ("寒武纪发布了思元370芯片。这家AI芯片公司于2020年7月登陆上交所科创板，当时发行4010万股，募资约25.82亿元。",
     "Cambricon", 2.582e9),
    # "本次" opens a clause after an attribution, not the sentence
    ("10月24日，地平线机器人在港交所主板挂牌。根据公司公告，本次全球发售募资总额约54.07亿港元。",
     "Horizon Robotics", 5.407e9),
])
def test_ipo_company_carried_over(text: str, company: str, amount: float) -> None:
    [r] = found(text, "zh", "funding_rounds")
    assert (r.company, r.round, r.amount) == (company, "IPO", pytest.approx(amount))


def test_use_of_proceeds_is_not_a_round() -> None:
    text = "地平线与大众汽车集团成立了合资公司酷睿程，本次募资约10%将用于对合资企业的战略投资。"
    assert found(text, "zh", "funding_rounds") == []


def test_a_reference_by_kind_means_the_company_introduced_as_that_kind() -> None:
    text = ("AI chip startup Rebellions agreed to merge with Sapeon, the chip designer set up by SK Telecom. "
            "Sapeon launched its X330 chip last year. The startup has been raising money steadily. "
            "In January it closed a $124 million Series B led by KT.")
    [r] = found(text, "en", "funding_rounds")
    assert (r.company, r.round, r.lead_investors) == ("Rebellions", "Series B", ("KT",))


def test_an_investor_named_first_does_not_become_the_company() -> None:
    text = ("Etched, a chip startup, said it has raised $120 million in a Series A round. "
            "Zephyrine Venture Partners, which also backed the company's seed round, led the financing. "
            "The company previously raised a $5.4 million seed round in 2023.")
    assert sorted((r.company, r.round) for r in found(text, "en", "funding_rounds")) == [
        ("Etched", "Seed"), ("Etched", "Series A")]


@pytest.mark.parametrize("text", [
    "Tenstorrent has so far signed customer contracts worth roughly $150 million.",
    "AMD agreed to acquire ZT Systems in a cash-and-stock deal valued at $4.9 billion.",
    "The payment includes about 27.2 million Marvell shares, worth roughly $2.25 billion.",
    "FuriosaAI rejected an acquisition offer from Meta Platforms worth about $800 million.",
])
def test_the_price_of_a_thing_is_not_a_valuation(text: str) -> None:
    assert found(text, "en", "valuations") == []


def test_a_restated_valuation_is_not_a_round() -> None:
    text = "In May, xAI closed a $6 billion Series B at a post-money valuation of $24 billion, or $18 billion before the new money."
    assert [(r.company, r.amount_usd, r.valuation_usd) for r in found(text, "en", "funding_rounds")] == [
        ("xAI", 6e9, 24e9)]


@pytest.mark.parametrize(("lang", "text", "person", "org"), [
    ("zh", "地平线机器人由余凯于2015年创立，余凯现任公司创始人兼CEO。", "Yu Kai", "Horizon Robotics"),
    ("zh", "壁仞科技由原商汤科技总裁张文于2019年创立。", "Zhang Wen", "Biren Technology"),
    # an executive's company is the one in focus, not the employer named after "此前在"
    ("zh", "沐曦成立于2020年，创始人兼CEO陈维良此前在AMD任职多年。沐曦已提交上市申请。", "Chen Weiliang", "MetaX"),
    ("zh", "昆仑芯CEO为欧阳剑。", "Ouyang Jian", "Kunlunxin"),
    ("en", "Groq was founded by Jonathan Ross and Douglas Wightman in 2016.", "Douglas Wightman", "Groq"),
])
def test_founders_and_executives(lang: str, text: str, person: str, org: str) -> None:
    assert (person, org) in {(r.person, r.org) for r in found(text, lang, "people")}


def test_an_institution_after_the_agent_marker_is_not_a_person() -> None:
    assert found("SambaNova由史丹佛大学多位教授在2017年创立。", "zh", "people") == []


@pytest.mark.parametrize(("text", "pair"), [
    ("OpenAI and AMD announced on Monday a multiyear agreement to deploy 6 gigawatts of AMD GPUs.", ("OpenAI", "AMD")),
    ("Nebius Group has signed a five-year agreement to supply Microsoft with GPU capacity.", ("Nebius", "Microsoft")),
    # "it" after "and" still opens its clause: the company in focus, not the foundry just named
    ("Tenstorrent raised $700 million. Its earlier chips were built by GlobalFoundries, and it is working with TSMC.",
     ("Tenstorrent", "TSMC")),
])
def test_partnerships(text: str, pair: tuple[str, str]) -> None:
    assert [(r.a, r.b) for r in found(text, "en", "partnerships")] == [pair]


@pytest.mark.parametrize(("text", "company", "round_label", "leads"), [
    # a valuation in the sentence does not hide a round stated without its amount
    ("天数智芯於2025年1月完成新一輪融資，估值約120億元人民幣。", "Iluvatar CoreX", None, ()),
    # "新" ends this investor's name; it is a filler only before a name
    ("壁仞科技近日完成B轮融资，本轮融资由国投创新领投。", "Biren Technology", "Series B", ("国投创新",)),
    # an English gloss between a new name and its verb
    ("曦望（Sunrise）完成近10亿元A轮融资。", "曦望", "Series A", ()),
])
def test_chinese_rounds_without_amounts_or_with_glosses(text: str, company: str, round_label: str | None,
                                                        leads: tuple[str, ...]) -> None:
    [r] = found(text, "zh", "funding_rounds")
    assert (r.company, r.round, r.lead_investors) == (company, round_label, leads)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a name right before a job title and a person's name is that person's employer, even when unlisted
    ("en", "Backers include Vercel chief executive Guillermo Rauch and Figma co-founder Dylan Field.",
     {("Guillermo Rauch", "CEO", "Vercel"), ("Dylan Field", "co-founder", "Figma")}),
    # "hired X ... as ROLE": the role is held at the organisation that hired
    ("en", "Groq hired Stuart Pann, who spent years at Intel, as chief operating officer.",
     {("Stuart Pann", "COO", "Groq")}),
    ("zh", "英特尔任命陈立武为首席执行官。", {("Lip-Bu Tan", "CEO", "Intel")}),
    # a title after "former" is one the person held before
    ("en", "Tenstorrent is led by Jim Keller, a former president of Tesla.",
     {("Jim Keller", "former president", "Tesla")}),
])
def test_roles_with_their_organisation(lang: str, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= roles(text, lang)


def test_the_same_year_takes_the_year_stated_before() -> None:
    text = "昆仑芯于2021年完成拆分。同年，公司完成首轮融资，由CPE源峰领投，估值约130亿元人民币。"
    [r] = found(text, "zh", "funding_rounds")
    assert r.date == "2021"
    # converted at that year's rate, not the article's
    assert r.valuation_usd == pytest.approx(130e8 * 0.1550, rel=1e-3)


@pytest.mark.parametrize(("text", "expected"), [
    # a possessive stands for "its share", and "to" makes the figure a level, not a change
    ("Analysts expect SK Hynix's share of HBM to climb to 55% next year as buyers switch, while Samsung's "
     "falls to 35% and Micron's to 10%.", {("SK Hynix", 0.55), ("Samsung", 0.35), ("Micron", 0.10)}),
    # "and Samsung 17%, down from 41%": gapped holder; the figure after "from" is the same holder's earlier share
    ("Micron took 21% of HBM shipments in the quarter and Samsung 17%, down from 41% a year earlier.",
     {("Micron", 0.21), ("Samsung", 0.17), ("Samsung", 0.41)}),
])
def test_elliptical_share_claims(text: str, expected: set[tuple[str, float]]) -> None:
    assert {(r.subject, r.share_low) for r in found(text, "en", "market_share_claims")} == expected


def test_a_change_in_percent_is_still_not_a_share() -> None:
    assert found("Its data-center revenue rose 126% and its market share grew 5% this year.", "en",
                 "market_share_claims") == []


@pytest.mark.parametrize(("text", "expected"), [
    # an amount that names its round needs no raise verb; with no company named, it is the story's company's
    ("Lightmatter raised $400 million. That extension came after a $154 million Series C in May 2023.",
     ("Lightmatter", 154e6, "Series C")),
    # "facility" inside "credit facility" is the round, and "GPU-backed" is an adjective, not an investor's verb
    ("Lambda raised $320 million. Later it arranged a GPU-backed credit facility of up to $500 million with Macquarie.",
     ("Lambda", 500e6, "debt")),
    # selling notes raises money; selling shares of another company does not
    ("Nebius raised $700 million. In June it sold $1 billion of convertible notes due in 2029.",
     ("Nebius", 1e9, "debt")),
])
def test_rounds_stated_in_passing(text: str, expected: tuple[str, float, str]) -> None:
    assert expected in [(r.company, r.amount_usd, r.round) for r in found(text, "en", "funding_rounds")]


def test_selling_shares_of_another_company_is_not_a_round() -> None:
    assert found("SoftBank sold $5.8 billion of Nvidia shares in October.", "en", "funding_rounds") == []


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("zh", "寒武纪成立于2016年。公司于2020年7月在科创板上市，发行价为64.39元/股。", ("Cambricon", "2020-07", "closed")),
    ("en", "Cerebras went public on the Nasdaq in September 2023.", ("Cerebras", "2023-09", "closed")),
])
def test_a_dated_listing_is_an_ipo(lang: str, text: str, expected: tuple[str, str, str]) -> None:
    assert [(r.company, r.date, r.status) for r in found(text, lang, "funding_rounds") if r.round == "IPO"] == [expected]


def test_the_company_goes_back_to_the_story_company_once_a_sentence_names_it() -> None:
    text = ("AMD agreed to buy ZT Systems for $4.9 billion. AMD wants to sell whole racks. Nvidia already sells "
            "complete systems such as the GB200 NVL72. Nvidia leads the market. The deal is the largest in a string "
            "of purchases by AMD. The company said it bought Finnish AI lab Silo AI for $665 million in July.")
    assert ("AMD", "Silo AI") in [(r.acquirer, r.target) for r in found(text, "en", "acquisitions")]


def test_an_unlisted_name_after_an_opening_time_phrase() -> None:
    text = "Groq raised $640 million. In May, Telus Digital picked Groq as its inference provider."
    assert [(r.a, r.b) for r in found(text, "en", "partnerships")] == [("Telus Digital", "Groq")]


def test_a_date_bound_to_one_share_stays_with_it() -> None:
    text = "据TrendForce统计，三星第二季营收31.6亿美元，市占率由第一季的7.7%下滑至7.3%。"
    claims = {(r.share_low, r.period) for r in found(text, "zh", "market_share_claims")}
    assert claims == {(0.077, "Q1"), (0.073, "Q2")}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a function word before a transliterated name is not part of it
    ("zh", "Run:ai成立于2018年，由奥姆里·盖勒（Omri Geller）和罗宁·达尔（Ronen Dar）共同创立。",
     {("Omri Geller", "co-founder", "Run:ai"), ("Ronen Dar", "co-founder", "Run:ai")}),
    # "公司" inside a sentence about another company means that company, not the story's
    ("zh", "爱芯元智今日在港交所挂牌。另一家企业后摩智能则于2023年发布了新芯片，公司创始人兼CEO为吴强。",
     {("Wu Qiang", "founder and CEO", "Houmo AI")}),
    # a capitalised title at the start of a sentence is not part of the name
    ("en", "Co-founder Will Passo has stepped down as Rain AI's CEO.", {("Will Passo", "co-founder", "Rain AI")}),
])
def test_people_named_in_passing(lang: str, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= roles(text, lang)


def test_a_debt_balance_is_not_a_round() -> None:
    assert found("CoreWeave had roughly $8 billion of debt at the end of last year.", "en", "funding_rounds") == []


def test_rounds_of_nearly_the_same_size_months_apart_stay_two() -> None:
    text = ("Lightmatter raised a $154 million Series C in May 2023. In December 2023 it added a $155 million "
            "Series C extension.")
    assert sorted(r.amount_usd for r in found(text, "en", "funding_rounds")) == [154e6, 155e6]


def test_two_holders_of_the_same_share() -> None:
    text = "据Bernstein估计，2025年华为与英伟达在中国AI芯片市场的份额均约为40%。"
    assert {(r.subject, r.share_low) for r in found(text, "zh", "market_share_claims")} == {
        ("Huawei", 0.4), ("Nvidia", 0.4)}


@pytest.mark.parametrize(("text", "expected"), [
    # "led by / run by" a person: that person heads the organisation named before (a place adjective is no name)
    ("Boston-based Lightmatter, led by co-founder and chief executive Nick Harris, raised $400 million.",
     ("Nick Harris", "Lightmatter")),
    ("Samsung is investing in Tenstorrent, the Toronto-based AI chip company run by veteran architect Jim Keller.",
     ("Jim Keller", "Tenstorrent")),
    # a month that is also a given name; an employer left behind is not the current one
    ("FuriosaAI raised money. Chief executive June Paik, who previously worked at Samsung, co-founded the startup.",
     ("June Paik", "FuriosaAI")),
    # what a person talks about is not where they work
    ("Nebius signed a deal. Founder and chief executive Arkady Volozh said the Microsoft agreement would help.",
     ("Arkady Volozh", "Nebius")),
])
def test_who_leads_which_organisation(text: str, expected: tuple[str, str]) -> None:
    assert expected in {(r.person, r.org) for r in found(text, "en", "people")}


def test_a_round_led_by_an_investor_is_not_a_leadership_role() -> None:
    people = found("Groq raised $640 million in a round led by BlackRock managing director Tony Kim.", "en", "people")
    assert {(r.person, r.org) for r in people} == {("Tony Kim", "BlackRock")}


def test_an_acronym_short_form_of_a_listed_name() -> None:
    text = "AMD agreed to buy ZT Systems. ZT president Doug Huang will lead the design team."
    assert ("Doug Huang", "ZT Systems") in {(r.person, r.org) for r in found(text, "en", "people")}


def test_a_short_form_of_an_unlisted_name_stands_for_the_full_name() -> None:
    mentions = extract("Xscape Photonics raised $44 million. Xscape said the money will fund hiring.", "en").mentions
    assert {(m.surface, m.canonical) for m in mentions} == {("Xscape Photonics", "Xscape Photonics"),
                                                            ("Xscape", "Xscape Photonics")}


@pytest.mark.parametrize(("text", "pair"), [
    # the party that opens the sentence, far before the agreement
    ("Nebius Group, the AI infrastructure company that grew out of the international businesses of Yandex, has "
     "signed a five-year agreement to supply Microsoft with GPU capacity.", ("Nebius", "Microsoft")),
    # no other organisation named: the story's company
    ("CoreWeave priced its IPO. Its chief executive says the contracts, including a five-year agreement with "
     "OpenAI, will carry the company.", ("CoreWeave", "OpenAI")),
])
def test_partnerships_with_an_implied_first_party(text: str, pair: tuple[str, str]) -> None:
    assert pair in [(r.a, r.b) for r in found(text, "en", "partnerships")]


def test_a_partnership_after_a_dateline_and_an_aside() -> None:
    text = ("AMSTERDAM -- Nebius Group, the AI cloud company that grew out of the international businesses of "
            "Yandex, has signed a five-year agreement to supply Microsoft with GPU capacity, a deal that could grow "
            "if Microsoft buys more services.")
    assert [(r.a, r.b) for r in found(text, "en", "partnerships")] == [("Nebius", "Microsoft")]


def test_acquisition_talks_are_not_a_partnership() -> None:
    text = "Intel is discussing the terms of an acquisition with SambaNova, which has been working with bankers."
    assert found(text, "en", "partnerships") == []


def test_both_parties_means_the_story_company_and_the_other_one_just_named() -> None:
    text = "Cerebras递交了IPO申请。来自阿布扎比的G42贡献了公司87%的营收。双方合作建设AI超级计算机。"
    assert [(r.a, r.b) for r in found(text, "zh", "partnerships")] == [("Cerebras", "G42")]


def test_the_value_of_a_contract_with_a_partner_is_not_a_valuation() -> None:
    text = "CoreWeave signed a five-year contract with OpenAI worth up to $11.9 billion."
    assert found(text, "en", "valuations") == []


def test_a_company_leading_a_round_is_its_lead_not_the_company() -> None:
    text = ("Tenstorrent is building chips. In June, The Information reported that Samsung was leading a round of at "
            "least $300 million in Tenstorrent at a $2 billion valuation.")
    assert [(r.company, r.lead_investors) for r in found(text, "en", "funding_rounds")] == [
        ("Tenstorrent", ("Samsung",))]


def test_an_ambiguous_chip_name_in_another_makers_story() -> None:
    text = "黑芝麻智能今日在港交所上市。公司主要产品包括华山系列A1000芯片以及武当系列芯片。"
    assert ("华山", "Moore Threads") not in {(r.name, r.company) for r in found(text, "zh", "products")}


def test_a_collapse_belongs_to_the_round_named_next_to_it() -> None:
    text = ("One source said Altman, an investor in Rain AI's $25 million seed round in 2022, is circling after "
            "the Series B fundraising round collapsed.")
    assert [(r.company, r.amount_usd, r.round) for r in found(text, "en", "funding_rounds")] == [
        ("Rain AI", 25e6, "Seed")]


def test_a_round_that_fell_through_is_not_reported_without_its_amount() -> None:
    assert found("Rain AI had been raising a $150 million Series B, but the round collapsed in May.", "en",
                 "funding_rounds") == []


def test_a_sum_across_rounds_is_not_a_round() -> None:
    text = "Fractile's funding alongside Isomorphic Labs in the same week, totalling roughly £1.74bn, shows momentum."
    assert found(text, "en", "funding_rounds") == []


def test_an_earlier_level_of_a_generic_share_is_not_the_story_companys() -> None:
    text = ("Huawei leads the field. Domestic suppliers are expected to control 93 percent of China's AI chip sales "
            "by 2028, a massive leap from just 19 percent in 2023.")
    assert found(text, "en", "market_share_claims") == []


def test_a_ratio_is_not_the_story_companys_market_share() -> None:
    text = "摩尔线程发布新品。其万卡集群浮点运算能力达10Exa-Flops，有效训练时间占比超90%。"
    assert found(text, "zh", "market_share_claims") == []


@pytest.mark.parametrize("text", [
    "2019年3月，Mythic携3000万美元融资亮相，推出模拟计算芯片。",
    "今年 6 月，Lambda以 3.2 亿美元的价格脱颖而出，扩建其GPU云。",
])
def test_a_startup_that_appears_with_money_has_raised_it(text: str) -> None:
    # a capitalised Latin name in Chinese prose is a name, even when it is also an English word
    [(company, _, status)] = rounds(text, "zh")
    assert (company, status) in {("Mythic", "closed"), ("Lambda", "closed")}


def test_standing_out_by_revenue_is_not_a_round() -> None:
    assert rounds("寒武纪以10亿元营收在国产芯片厂商中脱颖而出。", "zh") == []


@pytest.mark.parametrize(("lang", "text", "pair"), [
    ("en", "Groq signed a letter of intent to install LPUs at Aramco Digital's data centre in Dammam.",
     ("Groq", "Aramco Digital")),
    ("zh", "Cerebras已签署谅解备忘录，将在G42位于阿布扎比的数据中心部署其系统。", ("Cerebras", "G42")),
])
def test_a_signed_document_binds_its_signer_to_the_next_party(lang: str, text: str, pair: tuple[str, str]) -> None:
    assert [(r.a, r.b) for r in found(text, lang, "partnerships")] == [pair]


def test_two_subjects_working_with_a_third_party_are_not_partners_of_each_other() -> None:
    text = "亚马逊和Meta向英特尔派出工程师，共同开发新一代芯片。"
    assert ("Amazon", "Meta") not in {(r.a, r.b) for r in found(text, "zh", "partnerships")}


@pytest.mark.parametrize(("text", "expected"), [
    # an English title and name inside Chinese prose: "CEO" is not part of the name
    ("Nvidia CEO Jensen Huang于2026年1月访问上海。", ("Jensen Huang", "CEO", "Nvidia")),
    # a listed person written in Chinese keeps the usual English name, not its pinyin
    ("輝達執行長黃仁勳今年多次談到中國市場的變化。", ("Jensen Huang", "CEO", "Nvidia")),
    ("百度创始人李彦宏宣布点亮由3万张P800组成的集群。", ("Robin Li", "founder", "Baidu")),
    ("Meta首席AI科学家杨立昆（Yann LeCun）将出任Groq技术顾问。", ("Yann LeCun", "chief AI scientist", "Meta")),
])
def test_people_named_in_chinese_text(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in roles(text, "zh")


def test_a_name_after_a_comma_taking_up_a_post() -> None:
    # the text is normalised before it is read: the full-width comma before the name reads ","
    text = "燧原科技发布了新一代训练芯片。公司表示，张伟将出任公司CFO，负责财务工作。"
    assert roles(text, "zh") == {("Zhang Wei", "CFO", "Enflame")}
    # "尤其是…" opens a clause with a surname and a serve verb, but no title follows
    assert not extract("英伟达掌控供应链，尤其是台积电先进制程的产能。", "zh").records["people"]
    assert "尤其" not in {m.surface for m in extract("英伟达掌控供应链，尤其是台积电先进制程的产能。", "zh").mentions}


@pytest.mark.parametrize(("text", "expected"), [
    # a title in an apposition, behind the organisation's possessive and a modifier
    ("“The money will help Mythic focus,” Dave Fick, Mythic’s newly appointed CEO, told TechCrunch.",
     ("Dave Fick", "CEO", "Mythic")),
    # a business unit's head
    ("Frank Zhang will report to AMD’s data center chief, Forrest Norrod.", ("Forrest Norrod", "data center chief", "AMD")),
    # "its" is the organisation the sentence opens with, not the story's company
    ("Nvidia agreed to buy Run:ai. At Run:ai, Omri Geller, its chief executive, hired Ronen Dar.",
     ("Omri Geller", "CEO", "Run:ai")),
    # a title someone stepped down from is a former one
    ("Will Passo stepped down as Rain AI's CEO in May.", ("Will Passo", "former CEO", "Rain AI")),
])
def test_titles_in_appositions_and_changes(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in roles(text, "en")


def test_a_title_closed_by_and_belongs_to_the_name_before() -> None:
    text = "Run:ai was founded by Omri Geller, its chief executive, and Ronen Dar, its chief technology officer."
    assert ("Ronen Dar", "CEO") not in {(p.person, p.role) for p in found(text, "en", "people")}


def test_a_standard_belongs_to_the_maker_in_its_own_clause() -> None:
    text = "SK Hynix holds more than 90 percent of the HBM3 market, while Samsung is expected to catch up."
    assert [(p.name, p.company) for p in found(text, "en", "products")] == [("HBM3", "SK Hynix")]


def test_a_share_listed_after_another_goes_to_the_same_holder_with_its_own_market() -> None:
    text = "海光信息是国产CPU龙头。其CPU产品在金融领域市场份额达58%，通信领域超60%，与浪潮等厂商构建国产化链条。"
    claims = {(c.subject, c.market, c.share_low) for c in found(text, "zh", "market_share_claims")}
    assert claims == {("Hygon", "金融", 0.58), ("Hygon", "通信", 0.6)}


def test_a_deal_verb_opening_a_bullet_is_the_story_companys_deal() -> None:
    text = "海光信息是国产CPU龙头。 - 2025年换股吸收合并中科曙光，实现芯片到系统垂直一体化。"
    assert [(a.acquirer, a.target, a.date) for a in found(text, "zh", "acquisitions")] == [("Hygon", "Sugon", "2025")]


def test_a_partnership_opening_a_bullet_is_the_story_companys() -> None:
    text = "海光信息是国产CPU龙头。 - 2016年与AMD合作成立合资公司，海光集成持股70%。"
    assert [(p.a, p.b) for p in found(text, "zh", "partnerships")] == [("Hygon", "AMD")]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Cerebras Systems has withdrawn its registration for an initial public offering, only days after the "
           "chipmaker raised a large private round."),
    ("zh", "燧原科技于2025年8月撤回科创板上市申请，此前已完成多轮融资。"),
])
def test_a_withdrawn_listing_is_not_an_ipo(lang: str, text: str) -> None:
    assert [r for r in found(text, lang, "funding_rounds") if r.round == "IPO"] == []


def test_an_undated_listing_of_peers_is_background() -> None:
    text = "随着摩尔线程、沐曦在科创板上市，以及壁仞登陆港股，被称为国产GPU四小龙的企业已有三家完成上市。"
    assert found(text, "zh", "funding_rounds") == []


def test_a_folded_chinese_comma_after_a_number_ends_the_clause() -> None:
    # "960，2028年" is folded to "960,2028年": not one number, so the chip and the date both survive
    text = "华为披露路线图：2027年第四季度推出昇腾960，2028年第四季度推出昇腾970。"
    assert {"Ascend 960", "Ascend 970"} <= {p.name for p in found(text, "zh", "products")}


def test_a_bare_product_name_in_a_story_about_its_maker() -> None:
    text = ("Lightmatter raised $400 million. Its Passage interconnect moves data with light. The startup also "
            "develops Envise, a photonic computing product.")
    assert ("Envise", "Lightmatter") in {(p.name, p.company) for p in found(text, "en", "products")}


def test_a_business_unit_is_reported_as_its_company() -> None:
    text = "據TrendForce統計，排名第二的三星晶圓代工第二季市占率為7.3%。"
    assert {c.subject for c in found(text, "zh", "market_share_claims")} == {"Samsung"}


@pytest.mark.parametrize(("text", "expected"), [
    # a former title with its organisation between the word "former" and the title
    ("壁仞科技由原商汤科技总裁张文于2019年创立。", ("Zhang Wen", "former president", "SenseTime")),
    ("摩爾線程創辦人張建中曾任輝達全球副總裁。", ("Zhang Jianzhong", "former vice president", "Nvidia")),
    # 目前 is "currently": its 前 is not "former"
    ("三季报显示，目前寒武纪创始人陈天石为寒武纪第一大股东。", ("Chen Tianshi", "founder", "Cambricon")),
])
def test_former_titles_in_chinese(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in roles(text, "zh")


def test_a_person_the_sentence_places_keeps_their_titles_there() -> None:
    text = ("Marvell agreed to buy Celestial AI for $3.25 billion. Marvell said the deal would close in 2026. "
            "Santa Clara-based Celestial AI, led by co-founder and chief executive Dave Lazovsky, raised $250 million "
            "last year.")
    assert ("Dave Lazovsky", "Marvell") not in {(p.person, p.org) for p in found(text, "en", "people")}


@pytest.mark.parametrize(("text", "expected"), [
    # "of Groq investor Disruptive": the last organisation of the compound holds the title
    ("CNBC, citing Alex Davis, chief executive of Groq investor Disruptive, reported the deal.",
     ("Alex Davis", "CEO", "Disruptive")),
    # "and a …" is not a compound
    ("Jensen Huang, chief executive of Nvidia and a TSMC board member, spoke.", ("Jensen Huang", "CEO", "Nvidia")),
])
def test_the_head_of_an_organisation_compound_holds_the_title(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in roles(text, "en")


@pytest.mark.parametrize("text", [
    "燧原科技同日发布了AI推理芯片KX300，该芯片采用12纳米工艺。",  # a code right after Han characters
    "燧原科技发布了KX300推理芯片。",                                # and right before them
    "Enflame unveiled the KX300 inference chip on Monday.",
])
def test_unlisted_model_codes_next_to_a_chip_word(text: str) -> None:
    lang = "en" if text.isascii() else "zh"
    assert {(p.name, p.company) for p in found(text, lang, "products")} == {("KX300", "Enflame")}


@pytest.mark.parametrize("text", [
    "摩尔线程新一代芯片支持FP64到FP4全精度计算。",
    "Cerebras公开递交S-1招股书，这家芯片公司计划在纳斯达克上市。",
])
def test_number_formats_and_filings_are_not_chips(text: str) -> None:
    assert found(text, "zh", "products") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("AMD is buying ZT Systems for $4.9 billion.", {("AMD", "ZT Systems")}),
    ("AMD said it was buying Silo AI, a Finnish lab, for $665 million.", {("AMD", "Silo AI")}),
    # a customer buying chips from a maker does not buy the maker
    ("Microsoft is buying more chips from Nvidia than any other customer.", set()),
    ("Microsoft buys more chips from Nvidia than any other customer.", set()),
])
def test_buying_a_company_and_buying_from_one(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(r.acquirer, r.target) for r in found(text, "en", "acquisitions")} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Groq and Aramco Digital said they had agreed to build an inference data center in Saudi Arabia.",
     {("Groq", "Aramco Digital")}),
    ("Broadcom will co-develop custom accelerators with OpenAI.", {("Broadcom", "OpenAI")}),
    ("Nvidia agreed to build a supercomputer in Taiwan.", set()),  # one party: no partnership
])
def test_joint_work_without_a_partnering_word(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(r.a, r.b) for r in found(text, "en", "partnerships")} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("AMD will fold the teams into its data center group, which is run by executive vice president Forrest Norrod.",
     {("Forrest Norrod", "executive vice president", "AMD")}),
    ("CoreWeave plans to keep buying GPUs, co-founder and chief strategy officer Brian Venturo said.",
     {("Brian Venturo", "chief strategy officer", "CoreWeave")}),
])
def test_a_manager_with_no_company_named_runs_the_story_company(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert roles(text, "en") == expected


def test_a_count_of_completed_rounds_is_history_not_a_round() -> None:
    assert found("公司披露，上市前已完成10轮融资，投资方包括小米、腾讯、吉利等。", "zh", "funding_rounds") == []
    assert found("黑芝麻智能已完成三轮融资。", "zh", "funding_rounds") == []


def test_cornerstone_investors_of_a_listing() -> None:
    text = ("地平线机器人于10月24日在港交所挂牌上市。本次全球发售最终定价为每股3.99港元，募资总额约54.07亿港元。"
            "阿里巴巴、百度以及一家宁波市政府基金担任基石投资者，合计认购约2.2亿美元。")
    [ipo] = found(text, "zh", "funding_rounds")
    assert (ipo.company, ipo.round) == ("Horizon Robotics", "IPO")
    assert {"Alibaba", "Baidu"} <= set(ipo.investors)
    assert not any(name.startswith("一家") for name in ipo.investors)


def test_a_listed_person_in_apposition_is_not_a_new_organisation() -> None:
    text = ("Groq raised $640 million. Yann LeCun, the chief AI scientist at Meta, has agreed to serve as a "
            "technical advisor to the startup.")
    assert roles(text, "en") == {("Yann LeCun", "chief AI scientist", "Meta"), ("Yann LeCun", "technical advisor", "Groq")}
    assert "Yann LeCun" not in {m.surface for m in extract(text, "en").mentions if m.entity_type == "org"}


def test_a_chair_runs_the_story_company_like_a_chairman() -> None:
    text = ("Intel appointed Lip-Bu Tan as CEO. Frank Yeary, who served as interim executive chair, will return to "
            "his role as independent board chair.")
    assert ("Frank Yeary", "executive chair", "Intel") in roles(text, "en")


@pytest.mark.parametrize(("lang", "text"), [
    ("zh", "12月30日，Run:ai宣布已正式成为英伟达的一部分。"),
    ("en", "Run:ai said on Monday it had officially become part of Nvidia."),
])
def test_becoming_part_of_a_company_is_being_bought(lang: str, text: str) -> None:
    assert [(r.acquirer, r.target) for r in found(text, lang, "acquisitions")] == [("Nvidia", "Run:ai")]


def test_an_agreement_the_pair_announced() -> None:
    text = ("Groq makes its chips at GlobalFoundries. The next generation is headed to Samsung's 4nm foundry line "
            "under an agreement the pair announced last year.")
    assert {frozenset((r.a, r.b)) for r in found(text, "en", "partnerships")} == {frozenset(("Groq", "Samsung"))}


@pytest.mark.parametrize(("text", "market"), [
    ("Mizuho put Nvidia's share of the market for AI chips used to train and run models at between 70% and 95%.",
     "AI chips"),
    ("Nvidia dominates the market for AI graphics processors and commands about 80% of its share.",
     "AI graphics processors"),
])
def test_the_market_for_something(text: str, market: str) -> None:
    assert [c.market for c in found(text, "en", "market_share_claims")] == [market]


@pytest.mark.parametrize(("text", "expected"), [
    ("Intel agreed to sell a 51% stake in Altera to Silver Lake for $4.46 billion.", {("Silver Lake", "Altera")}),
    ("AMD sold ZT Systems' manufacturing business to Sanmina for $3 billion.", {("Sanmina", "ZT Systems")}),
    ("Nvidia sold 500,000 GPUs to Microsoft last year.", set()),  # goods, not a company
    ("Nvidia sells its chips to Microsoft and Meta.", set()),
])
def test_selling_a_company_or_a_stake_in_one(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(r.acquirer, r.target) for r in found(text, "en", "acquisitions")} == expected


def test_a_sale_of_notes_is_still_a_raise() -> None:
    text = "Cerebras said in June it sold $1 billion of convertible notes due in 2029."
    assert [(r.company, r.amount_usd) for r in found(text, "en", "funding_rounds")] == [("Cerebras", 1e9)]


def test_market_share_in_and_their_partnership() -> None:
    text = "Nvidia's market share in AI accelerators stood at about 80% last year, according to Jon Peddie Research."
    assert [c.market for c in found(text, "en", "market_share_claims")] == ["AI accelerators"]
    text = "Microsoft and OpenAI have extended their partnership through 2030."
    assert [(r.a, r.b) for r in found(text, "en", "partnerships")] == [("Microsoft", "OpenAI")]


@pytest.mark.parametrize(("lang", "text", "market"), [
    ("zh", "据IDC数据，2024年华为昇腾在中国AI加速卡市场的份额约为23%。", "中国AI加速卡"),
    ("en", "Huawei's Ascend chips held about 23% of the China AI accelerator market in 2024, IDC said.",
     "China AI accelerator"),
])
def test_a_makers_product_line_holds_the_makers_share(lang: str, text: str, market: str) -> None:
    assert [(c.subject, c.market, c.share_low) for c in found(text, lang, "market_share_claims")] == \
        [("Huawei", market, 0.23)]


def test_a_product_alone_holds_no_company_share() -> None:
    assert found("Blackwell accounted for 70% of Nvidia's data-center revenue.", "en", "market_share_claims") == []


def test_a_listing_on_an_exchange_is_an_ipo() -> None:
    text = "天数智芯今日在港交所挂牌，发行价为每股144.6港元，募资净额约35亿港元。"
    assert [(r.company, r.round) for r in found(text, "zh", "funding_rounds")] == [("Iluvatar CoreX", "IPO")]
    # a dated filing for a main-board listing
    text = "昆仑芯已于2026年1月1日以保密形式向香港联交所提交主板上市申请。"
    assert [(r.company, r.round, r.date, r.status) for r in found(text, "zh", "funding_rounds")] == \
        [("Kunlunxin", "IPO", "2026-01-01", "in_talks")]


@pytest.mark.parametrize(("lang", "text"), [
    ("zh", "12月30日，Run:ai宣布已正式成为英伟达的一部分。这笔今年4月宣布、据报道价值约7亿美元的收购已完成交割。"),
    ("en", "Nvidia completed its acquisition of Run:ai on Monday. The deal was valued at about $700 million."),
])
def test_the_price_of_a_deal_in_the_next_sentence(lang: str, text: str) -> None:
    [deal] = found(text, lang, "acquisitions")
    assert (deal.acquirer, deal.target, deal.amount_usd) == ("Nvidia", "Run:ai", 700e6)
    assert deal.evidence.sentence == text  # both sentences are cited


def test_a_price_of_another_companys_deal_is_not_taken() -> None:
    text = "Nvidia completed its acquisition of Run:ai on Monday. The deal follows AMD's $4.9 billion purchase of ZT Systems."
    deals = {(d.acquirer, d.target): d.amount_usd for d in found(text, "en", "acquisitions")}
    assert deals[("Nvidia", "Run:ai")] is None


def test_an_analyst_works_at_the_research_firm_the_story_cites() -> None:
    text = ("Counterpoint Research expects demand for HBM to double next year. Senior analyst Jane Park said supply "
            "would stay tight until 2027.")
    assert roles(text, "en") == {("Jane Park", "analyst", "Counterpoint Research")}
    # with a firm named in the sentence, that firm
    text = "Memory prices rose again, according to TrendForce. Jane Park, an analyst at Morgan Stanley, expects more."
    assert roles(text, "en") == {("Jane Park", "analyst", "Morgan Stanley")}


@pytest.mark.parametrize(("lang", "text", "subject"), [
    ("zh", "Counterpoint数据显示，今年第二季度SK海力士在HBM市场的份额为62%。", "SK Hynix"),
    ("en", "SK Hynix's HBM market share rose to 62% in the second quarter.", "SK Hynix"),
])
def test_a_product_before_a_market_word_is_the_market(lang: str, text: str, subject: str) -> None:
    assert [(c.subject, c.market, c.share_low) for c in found(text, lang, "market_share_claims")] == \
        [(subject, "HBM", 0.62)]


def test_the_buyer_in_a_relative_clause() -> None:
    text = "Celestial AI, which Marvell agreed to buy for $3.25 billion, makes photonic interconnects."
    assert [(r.acquirer, r.target, r.amount_usd) for r in found(text, "en", "acquisitions")] == \
        [("Marvell", "Celestial AI", 3.25e9)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Sequoia invested $50 million in Groq.", ("Groq", 50e6, ("Sequoia Capital",), "closed")),
    ("SoftBank invested about $2 billion into Intel.", ("Intel", 2e9, ("SoftBank Group",), "closed")),
    ("Nvidia and OpenAI signed a letter of intent under which Nvidia would invest up to $100 billion in OpenAI.",
     ("OpenAI", 100e9, ("Nvidia",), "in_talks")),
])
def test_an_investor_investing_an_amount_in_a_company(text: str, expected: tuple[object, ...]) -> None:
    [r] = found(text, "en", "funding_rounds")
    assert (r.company, r.amount_usd, tuple(r.investors), r.status) == expected


def test_named_with_the_title_right_after_the_name() -> None:
    assert roles("Tenstorrent named Keith Witek chief operating officer, effective immediately.", "en") == \
        {("Keith Witek", "COO", "Tenstorrent")}


def test_a_market_after_a_verb_of_holding_in_chinese() -> None:
    text = "根据Counterpoint，2025年第一季度，英伟达占据全球数据中心GPU市场约90%的份额。"
    assert [(c.subject, c.market) for c in found(text, "zh", "market_share_claims")] == [("Nvidia", "全球数据中心GPU")]
