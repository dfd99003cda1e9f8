public enum BackpropData {}
