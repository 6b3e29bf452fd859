"""A tiny course (one page, two questions) written into a folder, in any interface language.

Used by the per-language build test, the right-to-left browser test and the script that makes
the Arabic screenshot in docs/ (scripts/rtl_screenshot.py). The content is English unless given;
``ARABIC`` is an Arabic one, so the right-to-left course reads as a whole.
"""
from __future__ import annotations

import json
from pathlib import Path

ENGLISH = {
    "title": "Welcoming a newcomer",
    "description": "A short unit on the first meeting between a mentor and a mentee.",
    "objective": "Lead a first meeting",
    "page_title": "The first meeting",
    "page": "Listen first, then agree together on the next steps.\n\n"
            "| Step | Who |\n| --- | --- |\n| Listen | Mentor |\n| Plan | Mentor and mentee |\n",
    "assessment_title": "Check",
    "single": "What comes first in the meeting?",
    "options": ["Listening", "Filling in forms"],
    "true_false": "The mentee agrees on the next steps.",
}

ARABIC = {
    "title": "استقبال الوافدين الجدد",
    "description": "وحدة قصيرة عن اللقاء الأول بين المرشد والمسترشد.",
    "objective": "إدارة اللقاء الأول",
    "page_title": "اللقاء الأول",
    "page": "استمع أولًا، ثم اتفقا معًا على الخطوات التالية.\n\n"
            "| الخطوة | مَن |\n| --- | --- |\n| الاستماع | المرشد |\n| التخطيط | المرشد والمسترشد |\n",
    "assessment_title": "اختبار قصير",
    "single": "ما الذي يأتي أولًا في اللقاء؟",
    "options": ["الاستماع", "ملء الاستمارات"],
    "true_false": "يتفق المسترشد على الخطوات التالية.",
}


def write_tiny_course(folder: Path, language: str, content: dict = ENGLISH) -> Path:
    """Write the course into ``folder`` (created); return it. Its overview counts hours, minutes
    and attempts, and its pass mark has a decimal, so every number and plural rule shows."""
    (folder / "pages").mkdir(parents=True)
    quoted = json.dumps  # YAML accepts JSON strings, whatever the script or punctuation
    (folder / "course.yaml").write_text(
        f"id: tiny-{language.lower()}\ntitle: {quoted(content['title'], ensure_ascii=False)}\n"
        f"language: {language}\ndescription: {quoted(content['description'], ensure_ascii=False)}\n"
        f"objectives:\n  - id: obj-meeting\n    text: {quoted(content['objective'], ensure_ascii=False)}\n"
        f"duration_minutes: 90\npass_mark: 62.5\n"
        f"pages:\n  - id: first-meeting\n    title: {quoted(content['page_title'], ensure_ascii=False)}\n"
        "assessment: assessment.yaml\n", encoding="utf-8")
    (folder / "pages" / "first-meeting.md").write_text(content["page"], encoding="utf-8")
    first, second = (quoted(option, ensure_ascii=False) for option in content["options"])
    (folder / "assessment.yaml").write_text(
        f"title: {quoted(content['assessment_title'], ensure_ascii=False)}\nattempts: 2\nquestions:\n"
        f"  - id: q-first\n    type: single\n    objective: obj-meeting\n    prompt: {quoted(content['single'], ensure_ascii=False)}\n"
        f"    options:\n      - text: {first}\n        correct: true\n      - text: {second}\n"
        f"  - id: q-agree\n    type: true-false\n    objective: obj-meeting\n    prompt: {quoted(content['true_false'], ensure_ascii=False)}\n"
        "    answer: true\n", encoding="utf-8")
    return folder
