public enum BackpropWidgetsModule {}
