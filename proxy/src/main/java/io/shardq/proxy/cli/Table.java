package io.shardq.proxy.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Columns aligned for people: a header row, then one row per item, two spaces between columns. */
final class Table {

    private static final String GAP = "  ";

    private final List<String> header;
    private final boolean printHeader;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> header, boolean printHeader) {
        this.header = header;
        this.printHeader = printHeader;
    }

    static Table of(String... header) {
        return new Table(List.of(header), true);
    }

    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("cells: " + cells.length + " (expected: " + header.size() + ")");
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "-" : cell.toString()).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = widths();
        if (printHeader) {
            line(out, header, widths);
        }
        rows.forEach(row -> line(out, row, widths));
        out.flush();
    }

    private int[] widths() {
        int[] widths = header.stream().mapToInt(String::length).toArray();
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length())).append(GAP);
            }
        }
        out.println(line);
    }

    /** One item, field by field: {@code name:} then its value, no header row. */
    static Table fields() {
        return new Table(List.of("field", "value"), false);
    }

    Table field(String name, Object value) {
        return row(name + ":", value);
    }
}
