public enum BackpropAppModule {}
