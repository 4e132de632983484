package io.payflow.examples.scenario;

import java.nio.file.Path;

/**
 * The verdict of one scenario.
 *
 * @param name the scenario's name, also its diagram's file name
 * @param passed whether the shop did what the reference diagram says
 * @param why what was seen, or what was wrong
 * @param diagram the Mermaid file written
 */
public record ScenarioResult(String name, boolean passed, String why, Path diagram) {

  /** The one line the runner prints. */
  public String line() {
    return (passed ? "PASS " : "FAIL ") + name + ": " + why + " (" + diagram + ")";
  }
}
