package io.lvmpersist.cli.docs;

import io.lvmpersist.cli.Cli;
import io.lvmpersist.cli.LvmPersist;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * Lets picocli's generators (ManPageGenerator, run by the build; AutoComplete) build the command
 * model exactly as the tool does, through {@link Cli#commandLine()}: the root command has no
 * no-argument constructor because it is given the environment.
 */
public final class DocsFactory implements CommandLine.IFactory {
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    /** The command line the tool runs, with an empty environment: what the docs describe. */
    public static CommandLine commandLine() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return new Cli(Map.of(), sink, sink).commandLine();
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == LvmPersist.class) {
            return type.cast(commandLine().getCommand());
        }
        return fallback.create(type);
    }
}
