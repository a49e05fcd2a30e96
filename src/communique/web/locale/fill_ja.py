"""Fill locale/ja/LC_MESSAGES/django.po from the table below, then compile it (msgfmt).

Run after ``django-admin makemessages -l ja --no-location`` in ``src/communique/web``:
``python locale/fill_ja.py``. Entries missing here stay untranslated (English shows).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

JA: dict[str, str] = {
    "Status": "状況", "Compliance": "遵守度", "not assessed": "未評価", "−1 no compliance": "−1 不遵守",
    "0 partial": "0 部分的", "+1 full compliance": "+1 完全遵守", "Assessed on": "評価日", "Note": "メモ",
    "Kind": "種類", "Link": "リンク", "File reference": "ファイル参照",
    "Paragraph id (of another statement)": "段落ID（他の声明）", "Date of the evidence": "根拠の日付",
    "This kind of evidence needs this field.": "この種類の根拠にはこの欄が必要です。", "Field": "項目",
    "Correct value": "正しい値",
    "Lists: comma-separated (e.g. JPN, KAZ or commit, welcome); dates as mention=ISO; is_commitment: yes or no.":
        "リストはカンマ区切り（例: JPN, KAZ や commit, welcome）、日付は 表記=ISO、is_commitment は yes か no。",
    "Why": "理由", "Statement file": "声明ファイル",
    "The file is %(size)d bytes; the limit is %(limit)d bytes.":
        "ファイルは %(size)d バイトです。上限は %(limit)d バイトです。",
    "Unsupported file type; use one of: %(types)s.": "対応していない形式です。次のいずれかを使ってください: %(types)s。",
    "Not allowed": "権限がありません",
    "Your account may not do this. Ask an administrator for the editor role.":
        "このアカウントではこの操作はできません。管理者に編集者の役割を依頼してください。",
    "Not found": "見つかりません", "Back to the dashboard": "ダッシュボードへ戻る", "None": "なし",
    "Skip to content": "本文へ移動", "Main": "メイン", "Dashboard": "ダッシュボード", "Commitments": "コミットメント",
    "Organizations": "機関", "Upload": "アップロード", "Admin": "管理", "Language": "言語", "Switch": "切替",
    "Log out": "ログアウト", "commitments from joint statements": "共同声明のコミットメント追跡",
    "Commitment": "コミットメント", "withdrawn": "取り下げ", "The sentence in its paragraph": "段落中の文",
    "paragraph": "段落", "Actors": "主体", "firm": "確約", "soft": "検討", "Acts": "行為", "Due": "期限",
    "Version": "版", "Update status and compliance": "状況と遵守度の更新", "Save": "保存", "Evidence": "根拠",
    "No evidence yet.": "根拠はまだありません。", "Add evidence": "根拠を追加", "History": "履歴",
    "No history.": "履歴はありません。", "Corrections to the extraction": "抽出結果の訂正",
    "No correction.": "訂正はありません。", "Record correction": "訂正を記録", "Search the sentences": "文を検索",
    "e.g. 協力, AI, hydrogen": "例: 協力、AI、水素", "Search": "検索", "Clear all filters": "絞り込みをすべて解除",
    "Filters": "絞り込み", "Statement": "声明", "Section": "分野", "Party": "当事国", "Act": "行為",
    "Organization": "機関", "any": "すべて", "Results": "結果", "%(n)s commitment": "%(n)s 件のコミットメント",
    "Sentence": "文", "No commitment matches these filters.": "条件に合うコミットメントはありません。",
    "Pages": "ページ", "Previous": "前へ", "page %(p)s, from #%(a)s": "%(p)s ページ目（%(a)s 件目から）",
    "Next": "次へ", "All statements": "すべての声明", "Read the statement": "声明を読む",
    "Its commitments": "この声明のコミットメント", "commitments": "コミットメント", "compliance": "遵守度",
    "on −1…+1": "（−1〜+1）", "%(n)s assessed": "%(n)s 件評価済み", "overdue": "期限超過",
    "due in the next %(d)s days": "今後 %(d)s 日以内に期限", "By status": "状況別", "By section": "分野別",
    "Timeline": "タイムライン", "due soon": "期限間近", "later": "それ以降", "past, done": "過去・完了",
    "statement": "声明", "Overdue": "期限超過", "Due in the next %(d)s days": "今後 %(d)s 日以内に期限",
    "Statements": "声明", "Date": "日付", "Closed": "完了", "dashboard": "ダッシュボード", "Log in": "ログイン",
    "Your user name and password didn't match. Please try again.":
        "ユーザー名とパスワードが一致しません。もう一度お試しください。",
    "User name": "ユーザー名", "Password": "パスワード", "Also named": "別名",
    "Filter the commitment list by this organization": "この機関でコミットメント一覧を絞り込む",
    "Other sentences naming it": "この機関に言及するその他の文", "Sentences": "文",
    "No organization yet.": "機関はまだありません。", "Show one language": "一言語で表示",
    "Show both languages side by side": "両言語を並べて表示", "Versions": "版", "actor": "主体",
    "organization": "機関", "instrument": "文書", "date": "日付",
    "Click a sentence, or move to it with Tab and press Enter, to see what was extracted.":
        "文をクリックするか、Tab で移動して Enter を押すと、抽出結果が表示されます。",
    "%(n)s numbered paragraph": "番号付き段落 %(n)s", "Instruments": "文書", "Dates": "日付",
    "Open its commitment": "コミットメントを開く", "%(n)s repair made to the source": "原文の修復 %(n)s 件",
    "Before": "修復前", "After": "修復後", "Upload a statement": "声明のアップロード",
    "Text, Markdown, PDF, HTML or Word (%(types)s), at most %(mb)s MB. The statement is parsed, its commitments are created, and it opens in the reader.":
        "テキスト、Markdown、PDF、HTML、Word（%(types)s）、最大 %(mb)s MB。声明を解析してコミットメントを作成し、閲覧画面で開きます。",
    "Upload and parse": "アップロードして解析", "Saved.": "保存しました。", "Evidence added.": "根拠を追加しました。",
    "Correction recorded.": "訂正を記録しました。", "Commitments by status": "状況別コミットメント",
    "Commitments by section": "分野別コミットメント", "Due dates and events": "期限と出来事",
    "%(n)d commitment(s) due": "期限のコミットメント %(n)d 件",
    "The file could not be read as a statement: %(error)s": "ファイルを声明として読み込めませんでした: %(error)s",
    "no statement text was found in this file": "このファイルに声明の本文が見つかりません",
    "Imported: %(n)d sentences, %(c)d commitments.": "取り込みました: 文 %(n)d、コミットメント %(c)d。",
    "This file was already imported; showing the stored statement.":
        "このファイルは取り込み済みです。保存済みの声明を表示します。",
    "Someone else changed this commitment while you were editing (now: %(status)s, version %(version)d). Your change was not saved; the form shows the current values — review them and submit again.":
        "編集中に他の人がこのコミットメントを変更しました（現在: %(status)s、版 %(version)d）。あなたの変更は保存されていません。フォームに現在の値を表示しています。確認してもう一度送信してください。",
    "Due (YYYY, YYYY-MM or YYYY-MM-DD)": "期限（YYYY、YYYY-MM または YYYY-MM-DD）", "Assigned to": "担当者",
    "nobody": "なし", "Compliance by statement": "声明別の遵守度",
    "Compliance by statement (%)": "声明別の遵守度（%）", "Download": "ダウンロード", "Calendar feeds": "カレンダー配信",
    # statuses, acts, roles, windows, kinds, fields
    "pipeline": "計画中", "implementation": "実施中", "finalisation": "最終段階", "closed": "完了",
    "cancelled": "中止", "suspended": "停止", "commit": "約束", "consider": "検討", "welcome": "歓迎",
    "affirm": "確認", "appreciate": "評価", "report": "報告", "viewer": "閲覧者", "editor": "編集者",
    "admin": "管理者", "soon": "間近", "none": "期限なし", "link": "リンク", "note": "メモ",
    "file reference": "ファイル参照", "file": "ファイル", "paragraph of another statement": "他の声明の段落",
    "actors": "主体", "acts": "行為", "organizations": "機関", "dates": "日付", "is_commitment": "コミットメントか",
}

ENTRY = re.compile(r'^(#.*\n)*msgid ((?:".*"\n)+)(msgid_plural (?:".*"\n)+)?((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)', re.M)


def _unquote(block: str) -> str:
    return "".join(re.findall(r'"(.*)"', block)).replace('\\"', '"').replace("\\n", "\n")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fill(po: Path) -> int:
    text = po.read_text(encoding="utf-8")
    missing = 0

    def replace(m: re.Match[str]) -> str:
        nonlocal missing
        msgid = _unquote(m.group(2))
        if not msgid:
            header = m.group(0).replace("#, fuzzy\n", "")
            for old, new in (("nplurals=INTEGER; plural=EXPRESSION;", "nplurals=1; plural=0;"),
                             ("Language: \\n", "Language: ja\\n"),
                             ("PACKAGE VERSION", "communique"),
                             ("YEAR-MO-DA HO:MI+ZONE", "2026-11-25 00:00+0000"),
                             ("FULL NAME <EMAIL@ADDRESS>", "communique"),
                             ("LANGUAGE <LL@li.org>", "communique")):
                header = header.replace(old, new)
            return header
        translated = JA.get(msgid)
        if translated is None:
            missing += 1
            return m.group(0)
        comments = "".join(line + "\n" for line in m.group(0).splitlines() if line.startswith("#") and "fuzzy" not in line)
        head = f"msgid {m.group(2)}" + (m.group(3) or "")
        body = f"msgstr[0] {_quote(translated)}\n" if m.group(3) else f"msgstr {_quote(translated)}\n"
        return comments + head + body

    po.write_text(ENTRY.sub(replace, text), encoding="utf-8")
    return missing


if __name__ == "__main__":
    po = Path(__file__).parent / "ja" / "LC_MESSAGES" / "django.po"
    print(f"untranslated: {fill(po)}")
    subprocess.run(["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
