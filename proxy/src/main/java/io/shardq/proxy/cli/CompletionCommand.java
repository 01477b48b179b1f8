package io.shardq.proxy.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code qctl completion}: prints a bash completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a bash completion script. Load it with: source <(scripts/qctl completion)",
                "It completes the command name qctl: put scripts/ on PATH or alias qctl=/path/to/scripts/qctl."})
final class CompletionCommand implements Runnable {

    @ParentCommand
    QctlMain qctl;

    @Override
    public void run() {
        qctl.out().print(AutoComplete.bash("qctl", qctl.commandLine()));
        qctl.out().flush();
    }
}
