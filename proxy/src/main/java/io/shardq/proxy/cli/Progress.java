package io.shardq.proxy.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live progress bar for people at a terminal (progressbar redraws it on its own thread), or nothing at
 * all when qctl's output goes to a script, a file or {@code --output json}.
 */
final class Progress implements AutoCloseable {

    /** How often the bar is redrawn, in milliseconds. */
    static final int REDRAW_MILLIS = 200;

    private static final Progress NONE = new Progress(null);

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress none() {
        return NONE;
    }

    /** A bar titled {@code task}, counting in {@code unit} (such as {@code " msg"}), drawn into {@code consumer}. */
    static Progress bar(ProgressBarConsumer consumer, String task, String unit) {
        return new Progress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(unit, 1)
                .setUpdateIntervalMillis(REDRAW_MILLIS)
                .hideEta()
                .setConsumer(consumer)
                .build());
    }

    /** {@code current} of {@code max} ({@code max} 0 or less: not known yet), and a line of text after the bar. */
    void show(long current, long max, String message) {
        if (bar == null) {
            return;
        }
        bar.maxHint(max > 0 ? max : -1);
        bar.stepTo(current);
        bar.setExtraMessage(message);
    }

    /** Draws the last state and ends the line, so that what follows starts on a line of its own. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
