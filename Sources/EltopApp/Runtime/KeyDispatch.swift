import EltopCore

/// What a key press sends to the store: the bound action, or, for a key whose binding `--read-only`
/// removed, the `keyRefused` event, so the key-hint bar says why nothing happened instead of staying silent.
public enum KeyDispatch {
    public static func event(for key: Key, ui: UIState, keyMap: KeyMap) -> Event? {
        if let action = keyMap.action(for: key, mode: ui.mode, readOnly: ui.readOnly) {
            return .actionRequested(action)
        }
        if ui.readOnly, let binding = keyMap.disabledBinding(for: key, mode: ui.mode) {
            return .keyRefused(binding)
        }
        return nil
    }
}
