package dev.poolscope.ui.view;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Parent;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * Shows its one child magnified: lays it out at this pane's size divided by
 * the zoom, then scales it up, so text, charts and controls all grow together.
 */
public final class ZoomPane extends Region {
    private final Parent content;
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);

    public ZoomPane(Parent content) {
        this.content = content;
        getStyleClass().add("zoom-pane");
        content.getTransforms().add(scale);
        getChildren().add(content);
        zoom.addListener((o, was, now) -> {
            scale.setX(now.doubleValue());
            scale.setY(now.doubleValue());
            requestLayout();
        });
    }

    /** The magnification, 1 for none. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** The magnified content. */
    public Parent content() {
        return content;
    }

    @Override
    protected void layoutChildren() {
        double z = zoom.get();
        content.resizeRelocate(0, 0, getWidth() / z, getHeight() / z);
    }

    @Override
    protected double computePrefWidth(double height) {
        return content.prefWidth(-1) * zoom.get();
    }

    @Override
    protected double computePrefHeight(double width) {
        return content.prefHeight(-1) * zoom.get();
    }
}
