package dev.poolscope.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.poolscope.ui.store.ViewSettingsStore;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;

import java.io.IOException;

/**
 * The window's look: AtlantaFX's Primer theme in its light or dark variant,
 * set as the application's user-agent stylesheet, with the {@code theme-dark}
 * style class on the window's content so PoolScope's own stylesheet can follow.
 * Remembered in the config directory. Presenter mode's high-contrast classes
 * sit on top of either variant. FX thread only.
 */
public final class ThemeSwitch {
    /** The two variants. */
    public enum Look { LIGHT, DARK }

    private final Parent content;
    private final ViewSettingsStore store;
    private final ObjectProperty<Look> look = new SimpleObjectProperty<>(this, "look", Look.LIGHT);

    public ThemeSwitch(Parent content, ViewSettingsStore store) {
        this.content = content;
        this.store = store;
        look.addListener((o, was, now) -> {
            apply(now);
            save(now);
        });
        apply(Look.LIGHT);
    }

    /** Applies the remembered variant. */
    public void restore() {
        Look stored = ViewSettingsStore.Settings.DARK.equals(store.load().theme()) ? Look.DARK : Look.LIGHT;
        look.set(stored);
        apply(stored);
    }

    /** The variant shown. */
    public ObjectProperty<Look> lookProperty() {
        return look;
    }

    public Look getLook() {
        return look.get();
    }

    private void apply(Look l) {
        Application.setUserAgentStylesheet(l == Look.DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        if (l == Look.DARK) {
            if (!content.getStyleClass().contains("theme-dark")) {
                content.getStyleClass().add("theme-dark");
            }
        } else {
            content.getStyleClass().remove("theme-dark");
        }
    }

    private void save(Look l) {
        try {
            store.save(store.load().withTheme(l == Look.DARK ? ViewSettingsStore.Settings.DARK : ViewSettingsStore.Settings.LIGHT));
        } catch (IOException e) {
            // not worth interrupting anyone for; the next launch uses the light theme
        }
    }
}
