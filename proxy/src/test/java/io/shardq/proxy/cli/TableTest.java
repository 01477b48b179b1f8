package io.shardq.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAlignedToTheWidestCell() {
        String text = render(Table.of("NAME", "WEIGHT", "NODES")
                .row("p1", 1, "http://127.0.0.1:9001")
                .row("partition-two", 10, null));

        assertThat(text).isEqualTo("""
                NAME           WEIGHT  NODES
                p1             1       http://127.0.0.1:9001
                partition-two  10      -
                """);
    }

    @Test
    void fieldsPrintWithoutHeader() {
        String text = render(Table.fields().field("name", "p1").field("capabilities", "fifo=true"));

        assertThat(text).isEqualTo("""
                name:          p1
                capabilities:  fifo=true
                """);
    }

    @Test
    void rowWithWrongCellCountIsRejected() {
        assertThatThrownBy(() -> Table.of("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cells: 1 (expected: 2)");
    }

    private static String render(Table table) {
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text));
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
