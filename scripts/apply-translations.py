#!/usr/bin/env python3
"""Fills translations/duo-doctor_{de,fr}.ts from a tab-separated table: index, German, French (\\n for newlines,
'||' between plural forms). Checks that every placeholder of the source survives. Used once to seed the files;
afterwards edit the .ts files with Qt Linguist."""
import re
import sys
import xml.etree.ElementTree as ET

table, = sys.argv[1:]
# The table's indexes follow the French file's message order; the German file may order them differently, so
# translations are matched by source text.
sources = [m.find("source").text or "" for m in ET.parse("translations/duo-doctor_fr.ts").getroot().iter("message")]
rows = {}
for line in open(table, encoding="utf-8"):
    if not line.strip():
        continue
    index, de, fr = line.rstrip("\n").split("\t")
    rows[sources[int(index)]] = {"de": de.replace("\\n", "\n"), "fr": fr.replace("\\n", "\n")}

placeholder = re.compile(r"%[0-9n]|\{[a-z_]+(?::[a-z]+)?\}")
problems = 0
for language in ("de", "fr"):
    path = f"translations/duo-doctor_{language}.ts"
    tree = ET.parse(path)
    messages = tree.getroot().iter("message")
    for index, message in enumerate(messages):
        source = message.find("source").text or ""
        if source not in rows:
            continue  # translated before: leave it
        text = rows[source][language]
        translation = message.find("translation")
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            translation.text = None
            for form in text.split("||"):
                element = ET.SubElement(translation, "numerusform")
                element.text = form
        else:
            translation.text = text
        missing = set(placeholder.findall(source)) - set(placeholder.findall(text))
        if missing:
            problems += 1
            print(f"{language} #{index}: missing {sorted(missing)} in {text!r}", file=sys.stderr)
    tree.write(path, encoding="utf-8", xml_declaration=True)
sys.exit(1 if problems else 0)
