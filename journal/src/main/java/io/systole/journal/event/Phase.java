package io.systole.journal.event;

/** Where an action stands: asked for, done, or failed. */
public enum Phase implements Coded {
  REQUESTED(1),
  SUCCEEDED(2),
  FAILED(3);

  private final int code;

  Phase(final int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
