"""A focus indicator that can be seen (WCAG 2.2, 2.4.7 and 2.4.11).

Fusion marks focus faintly: a pale outline drawn only after a key press, none at all on a
text area, and on the current cell of a row-selected table (where a name typed into
"Functie" by accident went unseen) nothing against the row's highlight. This style draws
every focus as a solid two-point ring in a dark blue with at least 3:1 contrast against the
window, a field's white and a selected row's highlight. It is a proxy over the platform's
style, so everything else looks as before.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

# Against white 7.9:1, the window grey #efefef 7.0:1; on Fusion's selection blue #308cc6
# the darker ring below is used (3.9:1).
FOCUS = QColor("#0b4f9c")
FOCUS_ON_SELECTION = QColor("#06234a")
RING = 2

_FOCUSED = QStyle.StateFlag.State_HasFocus
_RINGED_PRIMITIVES = {
    QStyle.PrimitiveElement.PE_PanelLineEdit,
    QStyle.PrimitiveElement.PE_FrameLineEdit,
}
_RINGED_ELEMENTS = {
    QStyle.ControlElement.CE_ShapedFrame,
    QStyle.ControlElement.CE_PushButtonBevel,
}
_RINGED_CONTROLS = {
    QStyle.ComplexControl.CC_ComboBox,
    QStyle.ComplexControl.CC_SpinBox,
}


def _ring(painter: QPainter, rect: QRect, colour: QColor) -> None:
    painter.save()
    pen = QPen(colour, RING)
    pen.setJoinStyle(pen.joinStyle().MiterJoin)
    painter.setPen(pen)
    painter.setBrush(QColor(0, 0, 0, 0))
    painter.drawRect(rect.adjusted(RING // 2, RING // 2, -RING // 2 - 1, -RING // 2 - 1))
    painter.restore()


class FocusStyle(QProxyStyle):
    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element is QStyle.PrimitiveElement.PE_FrameFocusRect:
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            _ring(painter, option.rect, FOCUS_ON_SELECTION if selected else FOCUS)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in _RINGED_PRIMITIVES and option.state & _FOCUSED:
            _ring(painter, option.rect, FOCUS)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _RINGED_CONTROLS and option.state & _FOCUSED:
            _ring(painter, option.rect, FOCUS)

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        # A text area or a list shows focus on its frame; Fusion draws a button's focus into
        # its bevel, faintly, and never through the focus frame.
        if element in _RINGED_ELEMENTS and option.state & _FOCUSED:
            _ring(painter, option.rect, FOCUS)

    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        # A text area's frame is as wide as the ring, or its viewport paints the ring over.
        value = super().pixelMetric(metric, option, widget)
        return max(value, RING) if metric is QStyle.PixelMetric.PM_DefaultFrameWidth else value


def install_focus_style(app: QApplication) -> FocusStyle:
    style = FocusStyle(app.style().name())
    app.setStyle(style)
    return style
