"""Stage ``acts``: one unit case per rule of ANNOTATION.md (Japanese and English), the sample's
scores with the shared scorer, and odd input that must never raise."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.extract.acts import acts, sentence_acts
from communique.interchange import document_from_dict
from conftest import SHARED


def ja(text: str) -> list[str]:
    return sentence_acts(text, "ja")


def en(text: str) -> list[str]:
    return sentence_acts(text, "en")


# ---------------------------------------------------------------- Japanese: final predicates


def test_ja_plain_future_verb_is_commit() -> None:
    assert ja("双方は、エネルギー分野における協力を推進する。") == ["commit"]


def test_ja_teiku_form_is_commit() -> None:
    assert ja("双方は、金融包摂の加速に関し、協力していく。") == ["commit"]


def test_ja_continue_is_commit() -> None:
    assert ja("日本は、衛星を利用した協力を継続する。") == ["commit"]


def test_ja_plain_past_verb_is_report() -> None:
    assert ja("両首脳は東京で会談を行った。") == ["report"]


def test_ja_ongoing_teiru_is_report() -> None:
    assert ja("日本は、官民連携による輸送調査を実施している。") == ["report"]


def test_ja_tekita_is_report() -> None:
    assert ja("双方は、環境修復等の分野で協力を実施してきた。") == ["report"]


@pytest.mark.parametrize("verb", ["説明した", "留意した", "協議した", "議論した"])
def test_ja_report_verbs(verb: str) -> None:
    assert ja(f"A国側は、物流課題について{verb}。") == ["report"]


def test_ja_passive_inclusion_is_report() -> None:
    assert ja("これには、起業家への支援が含まれる。") == ["report"]


@pytest.mark.parametrize("verb", ["強調した", "認識した", "指摘した"])
def test_ja_affirm_verbs(verb: str) -> None:
    assert ja(f"双方は、地域協力の重要性を{verb}。") == ["affirm"]


def test_ja_encourage_is_affirm_a_call_on_others() -> None:
    assert ja("双方は、両国の大学による実践的な連携を奨励する。") == ["affirm"]


@pytest.mark.parametrize("verb", ["検討する", "模索する"])
def test_ja_consider_verbs(verb: str) -> None:
    assert ja(f"双方は、水素分野における協力を{verb}。") == ["consider"]


def test_ja_urging_others_with_unagasu_is_affirm_not_a_promise() -> None:
    # 促す is a call on a third party (urges / encourages), unlike 促進する (to promote).
    assert ja("我々は、全ての当事者に対し、対話による平和的解決を促す。") == ["affirm"]
    assert ja("日本は、関係国に対し、制裁措置の完全な履行を促した。") == ["affirm"]
    assert ja("双方は、民間企業間の交流を促進する。") == ["commit"]


def test_ja_welcome() -> None:
    assert ja("双方は、協力覚書の署名を歓迎した。") == ["welcome"]


@pytest.mark.parametrize(
    "text", ["双方は、両国間の協力を評価した。", "日本側は、人材育成への取組を高く評価する。"]
)
def test_ja_appreciate(text: str) -> None:
    assert ja(text) == ["appreciate"]


# ---------------------------------------------------------------- Japanese: 一致 / 確認 / 表明


def test_ja_agree_on_action_is_commit() -> None:
    assert ja("双方は、法の支配の強化に向けた協力の推進で一致した。") == ["commit"]


def test_ja_agree_to_do_is_commit() -> None:
    assert ja("双方は、対策における協力を継続することで一致した。") == ["commit"]


def test_ja_agree_on_principle_is_affirm() -> None:
    assert ja("双方は、航行の自由の重要性で一致した。") == ["affirm"]


def test_ja_confirm_action_is_commit() -> None:
    assert ja("双方は、政務協議を定期的に開催することを確認した。") == ["commit"]


def test_ja_confirm_importance_is_affirm() -> None:
    assert ja("双方は、麻薬取締機関間の協力の重要性を確認した。") == ["affirm"]


def test_ja_confirm_condemnation_again_is_affirm() -> None:
    assert ja("双方は、あらゆる形態のテロに対する断固たる非難を改めて確認した。") == ["affirm"]


def test_ja_reconfirm_proposition_with_own_subject_is_affirm() -> None:
    assert ja("双方は、中小企業の振興が重要な役割を果たすことを再確認した。") == ["affirm"]


def test_ja_express_interest_is_consider() -> None:
    assert ja("A国側は、議長の訪問の実現に関心を表明した。") == ["consider"]
    assert ja("A国は、特定技能制度に関心を示した。") == ["consider"]


def test_ja_express_intention_of_concrete_act_is_commit() -> None:
    assert ja("双方は、2026年に次回会合を開催する意向を表明した。") == ["commit"]


def test_ja_express_intention_to_explore_is_consider() -> None:
    assert ja("日本政府は、同センターとの協力の道筋を探る意向を表明する。") == ["consider"]


def test_ja_express_resolve_on_principle_is_affirm() -> None:
    assert ja("両首脳は、国連憲章の原則を堅持する継続的な決意を表明した。") == ["affirm"]


def test_ja_resolve_to_continue_action_is_commit() -> None:
    assert ja("双方は、ハイレベルの交流を今後も継続していくとの強い意志を再確認した。") == ["commit"]


@pytest.mark.parametrize(
    "text",
    [
        "大統領は、温かい歓待に謝意を表明した。",
        "日本は、遺骨収集への協力に感謝の意を表した。",
        "双方は、訪問の成果に満足の意を表した。",
    ],
)
def test_ja_gratitude_and_satisfaction_are_appreciate(text: str) -> None:
    assert ja(text) == ["appreciate"]


def test_ja_intention_noun_with_copula_is_commit() -> None:
    assert ja("日本側は、2026年度までに約100人の研修員を受け入れる予定である。") == ["commit"]


def test_ja_express_thought_of_continued_support_is_commit() -> None:
    assert ja("日本は、A国の経済改革を引き続き支援していく考えを表明した。") == ["commit"]


def test_ja_quoted_readiness_before_express_is_commit() -> None:
    assert ja("日本は、A国に対し、円借款を供与する用意がある旨表明した。") == ["commit"]


def test_ja_express_concern_and_support_are_affirm() -> None:
    assert ja("双方は、核・ミサイル開発に深刻な懸念を表明した。") == ["affirm"]
    assert ja("A国大統領は、日本の常任理事国入りへの支持を表明した。") == ["affirm"]


def test_ja_oppose_is_affirm() -> None:
    assert ja("両首脳は、力による一方的な現状変更の試みに強く反対した。") == ["affirm"]


def test_ja_call_on_others_is_affirm() -> None:
    assert ja("我々は、全ての国に対し、国連安保理決議を完全に履行するよう求める。") == ["affirm"]


def test_ja_agree_to_launch_is_commit() -> None:
    assert ja("G7首脳は、調整プラットフォームを立ち上げることに合意した。") == ["commit"]


def test_ja_looking_forward_is_welcome() -> None:
    assert ja("双方は、次回会合の開催を楽しみにしている。") == ["welcome"]


def test_ja_copula_statement_of_fact_is_report() -> None:
    assert ja("日本はA国にとって最大の援助国である。") == ["report"]


def test_ja_express_own_action_koto_is_commit() -> None:
    assert ja("日本は、A国の復興を引き続き支援することを表明した。") == ["commit"]


def test_ja_shared_recognition_is_affirm_not_report() -> None:
    assert ja("両首脳は、地域の安全保障環境が厳しさを増しているとの認識を共有した。") == ["affirm"]


def test_ja_quoted_statement_is_affirm() -> None:
    assert ja("双方は、投資環境の整備が重要であると述べた。") == ["affirm"]


# ---------------------------------------------------------------- Japanese: chains and embedding


def test_ja_chain_commit_then_welcome() -> None:
    text = "双方は、具体的なプロジェクト形成にコミットし、第1回合同委員会の開催を歓迎した。"
    assert ja(text) == ["commit", "welcome"]


def test_ja_chain_confirm_then_express_commitment() -> None:
    text = "双方は、不拡散分野における協力を継続することを確認し、「核兵器のない世界」の実現に向けたコミットメントを表明した。"
    assert ja(text) == ["commit", "affirm"]


def test_ja_chain_welcome_then_plain_future() -> None:
    assert ja("双方は、研究機関間の協力の拡大を歓迎し、引き続き経験を共有する。") == ["commit", "welcome"]


def test_ja_chain_action_verb_before_welcome_is_commit() -> None:
    assert ja("双方は、自治体間の連携を促進し、両市の取り組みを歓迎した。") == ["commit", "welcome"]


def test_ja_tomoni_chain() -> None:
    text = "双方は、覚書の締結を歓迎するとともに、農業分野における協力の促進で一致した。"
    assert ja(text) == ["commit", "welcome"]


def test_ja_chain_accepting_invitation_is_commit_and_report() -> None:
    text = "A国大統領は、B国首相を公式訪問に招待し、B国首相は感謝の意とともに快諾した。"
    assert ja(text) == ["commit", "report"]


def test_ja_relative_clause_predicate_is_not_main() -> None:
    assert ja("双方は、協力の可能性を検討する作業部会の設置を歓迎した。") == ["welcome"]


def test_ja_embedded_koto_clause_is_not_main() -> None:
    assert ja("日本は、A国が博覧会への参加を検討していることを歓迎した。") == ["welcome"]


def test_ja_chain_with_its_own_ga_subject_is_embedded() -> None:
    text = "双方は、A社が新工場の建設を推進し、B社が契約に署名したことを歓迎した。"
    assert ja(text) == ["welcome"]


def test_ja_adverbial_chain_verbs_do_not_count() -> None:
    assert ja("双方は、これまでの成果を踏まえ、協力を推進する。") == ["commit"]
    assert ja("双方は、準備態勢の向上に重きを置き、措置の実施を歓迎した。") == ["welcome"]


def test_ja_chain_before_the_topic_does_not_count() -> None:
    assert ja("脱炭素の達成に向け、双方は協力の機会を模索する。") == ["consider"]


def test_ja_chain_inside_purpose_clause_does_not_count() -> None:
    assert ja("双方は、課題を議論し、理解を深めるため、会合を開催する。") == ["commit"]


def test_ja_chained_action_shares_the_ongoing_aspect() -> None:
    assert ja("日本は、物流施設の視察を実施し、理解の深化を図っている。") == ["report"]


def test_ja_chain_recognise_then_consider() -> None:
    assert ja("双方は、科学技術の重要性を認識し、研究交流の強化を検討する。") == ["consider", "affirm"]


def test_ja_nominal_sentence_without_predicate_has_no_act() -> None:
    assert ja("経済協力") == []


# ---------------------------------------------------------------- Japanese: predicates beyond the sample


def test_ja_directing_officials_is_commit() -> None:
    assert ja("両首脳は、両国の関係閣僚に対し、具体的な行動計画を策定するよう指示した。") == ["commit"]


def test_ja_announcing_a_new_undertaking_is_commit_a_result_report() -> None:
    assert ja("両首脳は、宇宙分野における新たな対話の開始を発表した。") == ["commit"]
    assert ja("日本側は、昨年度の技術協力の実績を発表した。") == ["report"]


def test_ja_announcing_a_new_measure_compound_is_commit() -> None:
    assert ja("日本側は、中小企業向けの新たな支援策を発表した。") == ["commit"]


def test_ja_expressing_continued_assistance_is_commit_support_for_a_position_affirm() -> None:
    assert ja("日本側は、同国の港湾整備に対する支援の継続を表明した。") == ["commit"]
    assert ja("日本側は、同国の改革路線への支持を表明した。") == ["affirm"]


def test_ja_renewing_a_commitment_or_resolve_is_affirm() -> None:
    assert ja("両首脳は、地域の平和と安定に対する決意を新たにした。") == ["affirm"]


def test_ja_light_verbs_carry_their_noun() -> None:
    # 意見の一致をみた = 一致した; 合意に達した = 合意した; 意見交換を行い = 意見交換し
    assert ja("双方は、港湾開発で協力していくことで意見の一致をみた。") == ["commit"]
    assert ja("双方は、新たな航空協定の締結について合意に達した。") == ["commit"]
    assert ja("両首脳は、中東情勢について意見交換を行い、対話の重要性で一致した。") == ["affirm", "report"]
    assert ja("両国は、来年東京で次回協議を行う。") == ["commit"]


def test_ja_confirming_implementation_is_commit_progress_is_report() -> None:
    assert ja("双方は、租税条約の円滑な実施を確認した。") == ["commit"]
    assert ja("両首脳は、港湾整備事業の進捗を確認した。") == ["report"]


def test_ja_possibility_makes_a_confirmed_or_agreed_action_consider() -> None:
    assert ja("両首脳は、水素分野での共同研究の可能性を追求することを確認した。") == ["consider"]
    assert ja("双方は、第三国での協力の可能性を探ることで一致した。") == ["consider"]
    # a fronted purpose clause with 可能性 does not make the agreed action exploratory
    assert ja("双方は、デジタル技術の可能性を生かすため、人材育成で協力することで一致した。") == ["commit"]


def test_ja_accepting_an_invitation_in_other_words_is_commit() -> None:
    assert ja("首相は、大統領に訪日を招待し、大統領はこれを応諾した。") == ["commit", "report"]
    assert ja("国王は、この招待を受諾した。") == ["commit"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("双方は、閣僚級対話を毎年開催することを申し合わせた。", ["commit"]),
        ("両首脳は、核兵器のない世界の実現に向けた努力を続けることを誓った。", ["commit"]),
        ("日本側は、大会の成功裏の開催を称えた。", ["appreciate"]),
        ("両首脳は、外交関係樹立30周年に祝意を表した。", ["appreciate"]),
        ("両首脳は、地震の犠牲者に対し弔意を表した。", ["affirm"]),
        ("双方は、地域における新たな動きに注目した。", ["report"]),
    ],
)
def test_ja_other_agree_confirm_praise_and_note_families(text: str, expected: list[str]) -> None:
    assert ja(text) == expected


# ---------------------------------------------------------------- English


@pytest.mark.parametrize(
    "text",
    [
        "We will continue to strengthen our cooperation on maritime security.",
        "The two leaders intend to hold the next dialogue in Tokyo.",
        "The two sides agreed to launch negotiations on an air services agreement.",
        "Japan is committed to supporting capacity building in the region.",
        "The leaders decided to establish a joint working group.",
        "Both countries shall exchange information on a regular basis.",
        "We pledge to advance the participation of women in peace processes.",
        "The leaders reaffirmed their commitment to working together to expand trade.",
    ],
)
def test_en_promise_cues_are_commit(text: str) -> None:
    assert en(text) == ["commit"]


def test_en_will_with_non_party_subject_is_report() -> None:
    assert en("The Agreement will facilitate trade between the two countries.") == ["report"]


@pytest.mark.parametrize(
    "text",
    [
        "We will consider further cooperation on hydrogen.",
        "The two sides will explore cooperation on small modular reactors.",
        "Japan expressed interest in joint projects in the field of AI.",
        "The leaders expressed their desire to jointly pursue opportunities in space.",
    ],
)
def test_en_exploratory_cues_are_consider(text: str) -> None:
    assert en(text) == ["consider"]


@pytest.mark.parametrize(
    "text",
    [
        "The leaders welcomed the signing of the memorandum of cooperation.",
        "Both sides noted with satisfaction the progress of the dialogue.",
        "We endorse the outcome of the ministerial meeting.",
    ],
)
def test_en_approval_cues_are_welcome(text: str) -> None:
    assert en(text) == ["welcome"]


def test_en_hosting_a_visit_is_report() -> None:
    assert en("President Biden welcomed Prime Minister Kishida to Washington.") == ["report"]


@pytest.mark.parametrize(
    "text",
    [
        "The leaders stressed the importance of the rule of law.",
        "We reaffirm the importance of peace and stability across the Taiwan Strait.",
        "The two sides recognized the need for diversified supply chains.",
        "We condemn terrorism in all its forms.",
        "We call upon all states to comply with the resolutions.",
        "The leaders urge the DPRK to abandon its nuclear weapons.",
        "We encourage the peaceful resolution of disputes.",
        "Japan expressed support for the initiative.",
        "We affirm our commitment to a world without nuclear weapons.",
    ],
)
def test_en_principle_and_calls_on_others_are_affirm(text: str) -> None:
    assert en(text) == ["affirm"]


@pytest.mark.parametrize(
    "text",
    [
        "The President appreciated the warm hospitality of the Government of Japan.",
        "The leaders commended the efforts of both ministries.",
        "He expressed gratitude for the support of the Japanese people.",
    ],
)
def test_en_thanks_and_praise_are_appreciate(text: str) -> None:
    assert en(text) == ["appreciate"]


@pytest.mark.parametrize(
    "text",
    [
        "The two leaders held talks in Tokyo on 18 December 2025.",
        "Both countries have cooperated in the field of disaster risk reduction.",
        "The Kazakh side explained the situation of the Caspian Sea.",
        "The two sides noted the progress made so far.",
        "We are working together to build resilient supply chains.",
        "Japan is providing assistance through JICA.",
    ],
)
def test_en_past_and_ongoing_facts_are_report(text: str) -> None:
    assert en(text) == ["report"]


def test_en_continuing_a_call_on_others_is_affirm_not_a_promise() -> None:
    assert en("We continue to call on the military to cease all violence.") == ["affirm"]
    assert en("We will continue to support the reconstruction of Ukraine.") == ["commit"]


def test_en_reaffirmed_intention_to_act_is_commit() -> None:
    assert en(
        "Japan and the United States reaffirmed their intention to support the region's priorities."
    ) == ["commit"]


def test_en_command_and_control_will_is_not_a_party_promise() -> None:
    assert en("More effective command and control will strengthen deterrence.") == ["report"]


def test_en_coordinated_main_clauses_each_count() -> None:
    text = "We welcome recent cooperation among our nations and commit to deepening that cooperation."
    assert en(text) == ["commit", "welcome"]


def test_en_semicolon_clauses_each_count() -> None:
    assert en("Japan welcomed the decision; the two sides will hold a dialogue in 2026.") == [
        "commit",
        "welcome",
    ]


def test_en_relative_clause_is_not_main() -> None:
    assert en("We welcome the launch of the corridor, which will support connectivity in the region.") == [
        "welcome"
    ]


def test_en_that_clause_is_not_main() -> None:
    assert en("We recognize that developments in our region will affect the world.") == ["affirm"]


def test_en_leading_adverbial_phrase_is_skipped() -> None:
    assert en("Following the summit, we intend to expand trilateral engagement.") == ["commit"]


def test_en_noun_use_of_a_cue_is_not_a_verb() -> None:
    text = (
        "The United States and Japan, with support from industry, intend to provide funds for field trials."
    )
    assert en(text) == ["commit"]


@pytest.mark.parametrize(
    "text",
    [
        "The leaders instructed their foreign ministers to draw up a roadmap by 2027.",
        "We task our relevant officials to report on progress at the next summit.",
        "The two sides shared the determination to conclude the negotiations this year.",
        "The leaders vowed to deepen defence cooperation.",
        "We endeavour to expand student exchanges.",
        "Japan and India are also launching a joint venture fund for start-ups.",
        "Our two countries are proud to co-host the conference in 2027.",
        "We look forward to holding the next dialogue in Canberra.",
        "The United States stressed its commitment to expanding cooperation on shipbuilding.",
    ],
)
def test_en_directing_officials_and_other_promise_families_are_commit(text: str) -> None:
    assert en(text) == ["commit"]


def test_en_asking_own_officials_is_commit_asking_others_affirm() -> None:
    assert en("We ask our trade ministers to report back by the end of the year.") == ["commit"]
    assert en("We ask all countries to refrain from unilateral measures.") == ["affirm"]


def test_en_look_forward_to_anothers_event_is_welcome() -> None:
    assert en("We look forward to the visit of the Crown Prince next spring.") == ["welcome"]


@pytest.mark.parametrize(
    "text",
    [
        "The two ministers concurred on the need to protect undersea cables.",
        "The leaders shared the view that supply chains must be diversified.",
        "The peace and stability of the region are inseparable from the prosperity of the world.",
        "The Alliance is the cornerstone of peace in the region.",
        "These shared principles form the bedrock of our partnership.",
        "We state clearly that the use of force is unacceptable.",
    ],
)
def test_en_concurring_and_evaluative_statements_are_affirm(text: str) -> None:
    assert en(text) == ["affirm"]


@pytest.mark.parametrize(
    "text",
    [
        "The Presidents paid tribute to the victims of the earthquake.",
        "The leaders noted with appreciation the role of the coast guards.",
        "We honour the memory of those who lost their lives.",
        "The two sides lauded the work of the volunteers.",
    ],
)
def test_en_tribute_and_noted_with_appreciation_are_appreciate(text: str) -> None:
    assert en(text) == ["appreciate"]


def test_en_commitment_to_a_principle_is_affirm_to_an_action_commit() -> None:
    assert en("We remain committed to upholding the rule of law at sea.") == ["affirm"]
    assert en("The two countries are committed to defending democracy and human rights.") == ["affirm"]
    assert en("We remain committed to building a reliable port in Darwin by 2028.") == ["commit"]
    assert en("They reiterated their commitment to working together to combat piracy.") == ["commit"]


def test_en_stated_commitment_to_an_action_verb_is_commit_to_a_principle_affirm() -> None:
    assert en("Australia reiterated its commitment to provide 300 scholarships a year.") == ["commit"]
    assert en("The leaders expressed their determination to deliver the corridor by 2030.") == ["commit"]
    assert en("We reaffirm our commitment to uphold international law.") == ["affirm"]
    assert en("The two sides remain committed to the denuclearization of the peninsula.") == ["affirm"]


def test_en_agreed_that_follows_what_is_agreed() -> None:
    assert en("The ministers agreed that the third round will take place in Lima.") == ["commit"]
    assert en("The ministers agreed that the rule of law is indispensable.") == ["affirm"]


def test_en_tasking_a_body_is_commit() -> None:
    assert en("The leaders praised the task force and directed it to report by March.") == [
        "commit",
        "appreciate",
    ]


def test_en_present_continue_is_ongoing_report_but_will_continue_is_commit() -> None:
    assert en("Australia continues to provide training to Pacific police forces.") == ["report"]
    assert en("Australia will continue to provide training to Pacific police forces.") == ["commit"]


def test_en_invitation_and_acceptance_are_report_and_commit() -> None:
    text = "The President invited the Prime Minister to Seoul, and the Prime Minister accepted with pleasure."
    assert en(text) == ["commit", "report"]


def test_en_will_after_a_past_fact_is_a_second_predicate() -> None:
    assert en("We held the first dialogue in Paris last year and will hold the second in Tokyo.") == [
        "commit",
        "report",
    ]


def test_en_bare_verbs_coordinated_under_a_modal_share_its_promise() -> None:
    assert en("We intend to modernise the port and support the training of its staff.") == ["commit"]
    # after a gerund the coordinated verb is a predicate of its own
    assert en("We are committed to building the port, and encourage private investment in it.") == [
        "commit",
        "affirm",
    ]


def test_en_and_inside_an_inclusion_phrase_joins_nouns() -> None:
    text = (
        "Japan and Australia continue to assist Fiji, including through their provision of patrol boats"
        " and plans to add two."
    )
    assert en(text) == ["report"]


def test_en_adverb_without_comma_is_not_an_opener_phrase() -> None:
    assert en("Today we are launching a fund, which will finance clean ports.") == ["commit"]


def test_en_will_of_a_sentence_without_party_actor_is_report() -> None:
    # a capitalised subject is taken for a party unless the actors stage found none
    assert sentence_acts("The DICAS will meet in Manila in 2027.", "en", party_subject=False) == ["report"]
    assert sentence_acts("The DICAS will meet in Manila in 2027.", "en") == ["commit"]


# ---------------------------------------------------------------- list items


def _stage(language: str, texts: list[str], actors: list[str] | None = None) -> list[list[str]]:
    from communique.model import Document, DocumentInfo, Sentence, Source

    doc = Document(source=Source(data=b""))
    doc.info = DocumentInfo(language=language, parties=["AUS", "JPN"])
    doc.sentences = [
        Sentence(id=f"p1.s{i}", paragraph="p1", text=t, actors=list(["AUS", "JPN"] if actors is None else actors))
        for i, t in enumerate(texts, start=1)
    ]
    acts(doc)
    return [s.acts for s in doc.sentences]


def test_list_items_inherit_the_introducers_governing_verb() -> None:
    texts = [
        "The two Governments will:",
        "- deploy a joint research vessel in 2027;",
        "(b) support, with private partners, the training of 200 engineers; and",
        "iii. consider a second vessel.",
        "They welcomed the plan.",
    ]
    assert _stage("en", texts) == [["commit"], ["commit"], ["commit"], ["consider"], ["welcome"]]


def test_list_items_after_a_past_or_welcoming_introducer() -> None:
    texts = ["The ministers agreed to:", "review the roadmap every year;", "and study new routes."]
    assert _stage("en", texts) == [["commit"], ["commit"], ["consider"]]
    texts = ["The leaders welcomed the following outcomes:", "the opening of a consulate in Perth;"]
    assert _stage("en", texts) == [["welcome"], ["welcome"]]


def test_list_items_of_a_non_party_introducer_are_report() -> None:
    texts = ["The Facility will:", "finance port upgrades;", "train customs officers."]
    assert _stage("en", texts, actors=[]) == [["report"], ["report"], ["report"]]


def test_capitalised_item_is_a_sentence_of_its_own() -> None:
    texts = ["The two sides agreed on the following:", "Japan welcomed the new visa scheme."]
    assert _stage("en", texts) == [["commit"], ["welcome"]]


def test_a_full_stop_ends_the_list() -> None:
    texts = ["We will:", "open an office.", "expand the fund."]  # a lower-case fragment after the list
    assert _stage("en", texts)[2] == ["report"]


def test_japanese_items_without_a_predicate_take_the_introducers_acts() -> None:
    texts = ["双方は、以下の分野における協力を強化していく。", "・再生可能エネルギー", "・防災分野での協力を検討する。"]
    assert _stage("ja", texts) == [["commit"], ["commit"], ["consider"]]


# ---------------------------------------------------------------- the stage on a Document


def test_stage_sets_acts_per_sentence_by_document_language() -> None:
    data = {
        "document": {"title": "t", "language": "en", "date": "2025-01-01", "parties": []},
        "paragraphs": [{"id": "p1", "text": "x", "number": 1, "section": None}],
        "sections": [],
        "sentences": [
            {"id": "p1.s1", "paragraph": "p1", "text": "We welcomed the signing of the agreement."},
            {"id": "p1.s2", "paragraph": "p1", "text": "We will consider a joint study."},
        ],
    }
    doc = document_from_dict(data)
    acts(doc)
    assert [s.acts for s in doc.sentences] == [["welcome"], ["consider"]]


# ---------------------------------------------------------------- scores with the shared scorer


def _acts_scores(gold: dict, scorer) -> dict:
    doc = document_from_dict(gold)
    for sentence in doc.sentences:
        sentence.acts = []
    acts(doc)
    return scorer.score(gold, doc.to_dict())


def _assert_targets(result: dict) -> None:
    assert result["acts"]["f1"] >= 0.93, result["acts"]
    assert result["commitments"]["f1"] >= 0.95, result["commitments"]
    for label, f1 in result["acts_by_label"].items():
        assert f1 >= 0.8, (label, result["acts_by_label"])


def test_sample_acts_reach_targets(gold: dict, scorer) -> None:
    _assert_targets(_acts_scores(gold, scorer))


def test_kyrgyz_swap_acts_reach_the_same_targets(gold: dict, scorer, tmp_path: Path) -> None:
    swap = SHARED / "eval" / "swap_partner.py"
    subprocess.run([sys.executable, str(swap), str(tmp_path)], check=True, capture_output=True)
    (swap_gold,) = tmp_path.glob("*gold.json")
    swapped = json.loads(swap_gold.read_text(encoding="utf-8"))
    sample, other = _acts_scores(gold, scorer), _acts_scores(swapped, scorer)
    _assert_targets(other)
    assert other["acts"]["f1"] == sample["acts"]["f1"]


# ---------------------------------------------------------------- odd input never raises

ODD = [
    "",
    "   ",
    "。",
    "、、、",
    "双方は、" + "協力を推進し、" * 700 + "歓迎した。",  # ~5,000 characters
    "a" * 5000,
    "1. 協力の推進\n2. 対話の継続\n3. 研究交流",
    "(a) cooperation; (b) dialogue; (c) exchanges",
    "双方は、AI・ДНК・تعاون and 協力 will 推進する。",
    "We, will, welcome, ;;; and and",
    "\x00\ufeff\u200b",
]


@pytest.mark.parametrize("language", ["ja", "en", "fr"])
@pytest.mark.parametrize("text", ODD)
def test_odd_input_gives_a_valid_act_list(text: str, language: str) -> None:
    result = sentence_acts(text, language)
    assert isinstance(result, list) and set(result) <= {
        "commit",
        "consider",
        "welcome",
        "affirm",
        "appreciate",
        "report",
    }
    assert len(result) == len(set(result))


def test_long_japanese_sentence_keeps_its_chain() -> None:
    assert ja("双方は、" + "協力を推進し、" * 700 + "歓迎した。") == ["commit", "welcome"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["ja", "en"]))
def test_any_text_never_raises(text: str, language: str) -> None:
    result = sentence_acts(text, language)
    assert len(result) == len(set(result))
    if not text.strip():
        assert result == []


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["双方は、", "協力を", "推進し", "、", "歓迎した", "。", "will", " we ", "検討する", "が"]
        ),
        max_size=40,
    )
)
def test_fragment_soup_never_raises(parts: list[str]) -> None:
    sentence_acts("".join(parts), "ja")


def _unfiltered_matches(text: str) -> list[tuple[int, int]]:
    from communique.extract import predicates_en

    found = sorted(
        (m.start(), -(m.end() - m.start()), cue.rank)
        for cue in predicates_en.cues().cues
        for m in cue.pattern.finditer(text)
    )
    out: list[tuple[int, int]] = []
    taken = -1
    for start, neg_len, _ in found:
        if start >= taken:
            out.append((start, start - neg_len))
            taken = start - neg_len
    return out


_PREFILTER_WORDS = re.split(
    r"\s+",
    "we will re-emphasize Japan's the United States that welcomed look forward to holding are also "
    "launching committed to upholding peace accepted . , ; and including plans to provide state "
    "continue to support noted with appreciation paid tribute self-launched shared the view",
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            _PREFILTER_WORDS
        ),
        max_size=25,
    )
)
def test_en_word_prefilter_never_changes_the_matches(words: list[str]) -> None:
    from communique.extract import predicates_en

    text = predicates_en._normalise(" ".join(words))
    assert [(m.start, m.end) for m in predicates_en._matches(text)] == _unfiltered_matches(text)
