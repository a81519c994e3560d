package org.tickettriage.training.model;

import picocli.CommandLine.Command;

/** {@code model}: commands on model directories. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Model directories: convert the old format, time a model's load.",
        subcommands = {ConvertCommand.class, LoadTimeCommand.class})
public final class ModelCommand {
}
