package io.lvmpersist.cli.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the runnable examples in a document: Markdown {@code ```console} blocks and AsciiDoc
 * {@code [source,console]} listings. In a block, a line starting with {@code $ } is a command and
 * the lines after it are its output. Hidden set-up commands are written as
 * {@code <!-- docs-test: CMD -->} (Markdown) or {@code // docs-test: CMD} (AsciiDoc) and run in place.
 */
final class ConsoleBlocks {
    /** One command and the output the document shows for it; {@code line} is its 1-based line number. */
    record Step(int line, String command, List<String> expected, boolean hidden) {
    }

    private ConsoleBlocks() {
    }

    static List<Step> parse(String document, boolean asciidoc) {
        List<Step> steps = new ArrayList<>();
        List<String> lines = document.lines().toList();
        boolean inBlock = false;
        boolean consoleNext = false;
        Step current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String hidden = hiddenCommand(line, asciidoc);
            if (!inBlock && hidden != null) {
                steps.add(new Step(i + 1, hidden, List.of(), true));
                continue;
            }
            if (asciidoc) {
                if (!inBlock && line.trim().equals("[source,console]")) {
                    consoleNext = true;
                    continue;
                }
                if (line.equals("----")) {
                    if (inBlock) {
                        inBlock = false;
                        current = null;
                    } else if (consoleNext) {
                        inBlock = true;
                    }
                    consoleNext = false;
                    continue;
                }
            } else if (line.startsWith("```")) {
                if (inBlock) {
                    inBlock = false;
                    current = null;
                } else if (line.trim().equals("```console")) {
                    inBlock = true;
                }
                continue;
            }
            if (!inBlock) {
                continue;
            }
            if (line.startsWith("$ ")) {
                current = new Step(i + 1, line.substring(2).trim(), new ArrayList<>(), false);
                steps.add(current);
            } else if (current != null) {
                current.expected().add(line);
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": output before the first '$ ' command");
            }
        }
        return steps;
    }

    private static String hiddenCommand(String line, boolean asciidoc) {
        String t = line.trim();
        if (asciidoc && t.startsWith("// docs-test:")) {
            return t.substring("// docs-test:".length()).trim();
        }
        if (!asciidoc && t.startsWith("<!-- docs-test:") && t.endsWith("-->")) {
            return t.substring("<!-- docs-test:".length(), t.length() - 3).trim();
        }
        return null;
    }
}
