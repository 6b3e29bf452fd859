"""A tiny course (one page, two questions) written into a folder, in any interface language.

Used by the per-language build test, the right-to-left browser test and the script that makes
the Arabic screenshot in docs/ (scripts/rtl_screenshot.py). The content is English unless given;
``ARABIC`` is an Arabic one, so the right-to-left course reads as a whole.
"""
from __future__ import annotations

from pathlib import Path

import yaml

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
    course = {
        "id": f"tiny-{language.lower()}", "title": content["title"], "language": language,
        "description": content["description"],
        "objectives": [{"id": "obj-meeting", "text": content["objective"]}],
        "duration_minutes": 90, "pass_mark": 62.5,
        "pages": [{"id": "first-meeting", "title": content["page_title"]}],
        "assessment": "assessment.yaml",
    }
    first, second = content["options"]
    assessment = {"title": content["assessment_title"], "attempts": 2, "questions": [
        {"id": "q-first", "type": "single", "objective": "obj-meeting", "prompt": content["single"],
         "options": [{"text": first, "correct": True}, {"text": second}]},
        {"id": "q-agree", "type": "true-false", "objective": "obj-meeting", "prompt": content["true_false"],
         "answer": True},
    ]}
    for name, data in (("course.yaml", course), ("assessment.yaml", assessment)):
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "pages" / "first-meeting.md").write_text(content["page"], encoding="utf-8")
    return folder
