package org.tickettriage.email;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Turns an HTML mail body into plain text with its line structure, through jsoup's HTML5 parser. */
final class HtmlText {

    // What mail clients wrap quoted replies and signatures in: Gmail, Outlook (desktop and web),
    // Thunderbird, Apple Mail, Yahoo. Removed before conversion, so the quote never becomes text.
    private static final String QUOTES = "blockquote, div.gmail_quote, div.gmail_extra, div.moz-cite-prefix, "
            + "div.yahoo_quoted, div#divRplyFwdMsg, div#appendonsend, div.OutlookMessageHeader";
    private static final String SIGNATURES = "div.gmail_signature, div.moz-signature, div#Signature, "
            + "div#ms-outlook-mobile-signature, div.ms-outlook-mobile-signature";
    private static final String NOT_TEXT = "head, script, style, template, noscript, title, svg, object";
    private static final Set<String> CELLS = Set.of("td", "th");
    private static final Set<String> BREAKS_BEFORE_AND_AFTER = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5",
            "h6", "ul", "ol", "table", "tr", "blockquote", "pre", "section", "article", "header", "footer", "hr",
            "dl", "dt", "dd", "address", "center", "form", "fieldset", "figure", "main", "nav", "aside");

    private HtmlText() {
    }

    /**
     * The visible text of {@code html}, one line per block.
     *
     * @param keepQuoted true for a forwarded message, whose "quote" is the content being forwarded
     */
    static String toText(String html, boolean keepQuoted) {
        Document document = Jsoup.parse(html);
        document.select(NOT_TEXT).remove();
        // Hidden preview text ("preheaders") is not what the customer wrote.
        for (Element hidden : document.select("[style]")) {
            String style = hidden.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
            if (style.contains("display:none") || style.contains("visibility:hidden")) {
                hidden.remove();
            }
        }
        if (!keepQuoted) {
            removeOutlookOriginal(document);
            document.select(QUOTES).remove();
        }
        document.select(SIGNATURES).remove();
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new TextCollector(text), document.body());
        return text.toString();
    }

    /** Outlook on the web puts the original after a {@code divRplyFwdMsg} marker, as siblings: drop them too. */
    private static void removeOutlookOriginal(Document document) {
        Element marker = document.selectFirst("div#divRplyFwdMsg");
        if (marker == null) {
            return;
        }
        Element hr = marker.previousElementSibling();
        if (hr != null && hr.tagName().equals("hr")) {
            hr.remove();
        }
        Node next = marker.nextSibling();
        while (next != null) {
            Node following = next.nextSibling();
            next.remove();
            next = following;
        }
    }

    private static final class TextCollector implements NodeVisitor {

        private final StringBuilder text;
        private int preDepth;

        TextCollector(StringBuilder text) {
            this.text = text;
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode textNode) {
                if (preDepth > 0) {
                    text.append(textNode.getWholeText());
                } else {
                    String words = textNode.text();
                    // Collapse the whitespace between inline nodes, never at the start of a line.
                    if (!words.isBlank() || !atLineStart()) {
                        text.append(atLineStart() ? words.stripLeading() : words);
                    }
                }
            } else if (node instanceof Element element) {
                String tag = element.normalName();
                switch (tag) {
                    case "br" -> text.append('\n');
                    case "li" -> {
                        newLine();
                        text.append("- ");
                    }
                    case "pre" -> {
                        newLine();
                        preDepth++;
                    }
                    default -> {
                        if (BREAKS_BEFORE_AND_AFTER.contains(tag)) {
                            newLine();
                        } else if (CELLS.contains(tag) && !atLineStart()) {
                            text.append(' ');
                        }
                    }
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                String tag = element.normalName();
                if (tag.equals("pre")) {
                    preDepth--;
                    newLine();
                } else if (tag.equals("li") || BREAKS_BEFORE_AND_AFTER.contains(tag)) {
                    newLine();
                }
            }
        }

        private boolean atLineStart() {
            return text.length() == 0 || text.charAt(text.length() - 1) == '\n';
        }

        private void newLine() {
            if (!atLineStart()) {
                text.append('\n');
            }
        }
    }
}
