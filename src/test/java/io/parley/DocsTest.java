package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation is read in every clone, so it must stand alone: no link to a file that is
 * missing or outside the repository, no anchor without its heading, no code fence left open
 * (which would render the rest of the page as code).
 */
class DocsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void readme_and_docs_have_no_broken_links_and_no_open_fences() throws IOException {
        assertTrue(Files.exists(ROOT.resolve("pom.xml")), "tests run from the repository root");
        List<Path> pages = documentationPages(ROOT);
        assertTrue(pages.size() >= 2, "README.md and docs/*.md are found: " + pages);
        assertEquals(List.of(), problems(ROOT, pages));
    }

    @Test
    void the_check_reports_each_kind_of_mistake(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("LICENSE"), "MIT");
        Files.writeString(repo.resolve("docs/api.md"), "# API\n\n## Send a message\n");
        Files.writeString(repo.resolve("README.md"), """
                # Parley
                [fine](LICENSE) [fine](docs/api.md#send-a-message) [fine](#parley) [web](https://example.com)
                [missing](docs/nope.md) [outside](../shared/API.md) [absolute](/etc/passwd)
                [no heading](#nowhere) [no heading there](docs/api.md#receive)
                <img src="docs/missing.png" alt="x">
                `[in code](ignored.md)`
                [ref]: ../outside.md
                ```sh
                [in a fence](ignored.md)
                ```
                ````md
                ```
                """);
        List<String> found = problems(repo, documentationPages(repo));
        assertEquals(
                List.of(
                        "README.md:3: docs/nope.md: no such file",
                        "README.md:3: ../shared/API.md: outside the repository",
                        "README.md:3: /etc/passwd: absolute path",
                        "README.md:4: #nowhere: no such heading",
                        "README.md:4: docs/api.md#receive: no such heading",
                        "README.md:5: docs/missing.png: no such file",
                        "README.md:7: ../outside.md: outside the repository",
                        "README.md:11: code fence ```` is never closed"),
                found);
    }

    @Test
    void headings_become_anchors_as_github_makes_them() {
        assertEquals(
                Set.of("quick-start", "abuse-limits", "post-chatpluginsend", "a-bot-in-20-lines", "faq", "faq-1"),
                anchors(List.of(
                        "## Quick start",
                        "### Abuse limits",
                        "## `POST /chatplugin.send`",
                        "# A bot in 20 lines",
                        "## FAQ",
                        "## FAQ")));
    }

    private static List<Path> documentationPages(Path root) throws IOException {
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.walk(docs)) {
                files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            }
        }
        return pages;
    }

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HTML_LINK = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?.*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");

    private static List<String> problems(Path root, List<Path> pages) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Path, Set<String>> anchorsByPage = new HashMap<>();
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            String name = root.relativize(page).toString();
            String openFence = null;
            int openedAt = 0;
            for (int i = 0; i < lines.size(); i++) {
                Matcher fence = FENCE.matcher(lines.get(i));
                if (openFence == null && fence.matches()) {
                    openFence = fence.group(1);
                    openedAt = i + 1;
                } else if (openFence != null && closes(openFence, fence)) {
                    openFence = null;
                } else if (openFence == null) {
                    for (String target : targets(lines.get(i))) {
                        String problem = check(root, page, target, anchorsByPage);
                        if (problem != null) {
                            problems.add(name + ":" + (i + 1) + ": " + target + ": " + problem);
                        }
                    }
                }
            }
            if (openFence != null) {
                problems.add(name + ":" + openedAt + ": code fence " + openFence + " is never closed");
            }
        }
        return problems;
    }

    /** A closing fence uses the opening's character, at least as many times, and carries no info string. */
    private static boolean closes(String open, Matcher fence) {
        return fence.matches()
                && fence.group(1).charAt(0) == open.charAt(0)
                && fence.group(1).length() >= open.length()
                && fence.group(2).isBlank();
    }

    private static List<String> targets(String line) {
        String text = INLINE_CODE.matcher(line).replaceAll("");
        List<String> targets = new ArrayList<>();
        for (Pattern pattern : List.of(LINK, HTML_LINK, REFERENCE)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    private static String check(Path root, Path page, String target, Map<Path, Set<String>> anchorsByPage)
            throws IOException {
        if (target.matches("(?i)(https?|mailto):.*")) {
            return null;
        }
        if (target.startsWith("/") || target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
            return "absolute path";
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(root)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (hash >= 0 && resolved.toString().endsWith(".md")) {
            Set<String> anchors = anchorsByPage.computeIfAbsent(resolved, DocsTest::anchorsOf);
            if (!anchors.contains(target.substring(hash + 1))) {
                return "no such heading";
            }
        }
        return null;
    }

    private static Set<String> anchorsOf(Path page) {
        try {
            return anchors(Files.readAllLines(page));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** GitHub's rule: lower case, punctuation dropped, spaces to hyphens, "-1", "-2" for repeats. */
    private static Set<String> anchors(List<String> lines) {
        Set<String> anchors = new HashSet<>();
        boolean inFence = false;
        for (String line : lines) {
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
            } else if (!inFence && line.matches("^#{1,6} .*")) {
                String slug = line.replaceFirst("^#+ ", "")
                        .strip()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-');
                String unique = slug;
                for (int n = 1; !anchors.add(unique); n++) {
                    unique = slug + "-" + n;
                }
            }
        }
        return anchors;
    }
}
