package io.lvmpersist.cli;

import picocli.CommandLine.IVersionProvider;

/** Version text from the jar manifest (set by Maven), or "dev" when run from classes. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[]{"lvmpersist " + (version == null ? "dev" : version)
                + " (Java " + Runtime.version() + ")"};
    }
}
