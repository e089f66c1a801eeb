package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table the bench prints, in Markdown so it can go into the README as is. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] head;

    Table() {
        this("Parley", "bare Jetty");
    }

    /** A table comparing {@code first} with {@code second}, e.g. two nodes on PostgreSQL with one on H2. */
    Table(String first, String second) {
        this.head = new String[] {"scenario", "metric", first, second, "ratio", "target"};
    }

    void row(String scenario, String metric, String parley, String ceiling, String target) {
        rows.add(new String[] {scenario, metric, parley, ceiling, ratio(parley, ceiling), target});
    }

    void row(String scenario, String metric, String parley, String target) {
        row(scenario, metric, parley, "", target);
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.1f ms", millis);
    }

    static String num(double value, String unit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f%s" : "%.1f%s", value, unit);
    }

    static String kib(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }

    private static String ratio(String parley, String ceiling) {
        if (parley.contains(" / ") || ceiling.contains(" / ")) {
            return "";
        }
        double p = leadingNumber(parley);
        double c = leadingNumber(ceiling);
        return Double.isNaN(p) || Double.isNaN(c) || c <= 0 ? "" : String.format(Locale.ROOT, "%.1fx", p / c);
    }

    private static double leadingNumber(String text) {
        var matcher =
                java.util.regex.Pattern.compile("^-?[0-9][0-9,]*(\\.[0-9]+)?").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group().replace(",", "")) : Double.NaN;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        line(out, head);
        out.append("|---|---|---:|---:|---:|---|\n");
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
