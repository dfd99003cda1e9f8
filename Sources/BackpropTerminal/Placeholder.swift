public enum BackpropTerminalModule {}
