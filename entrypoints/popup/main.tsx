import { render } from 'preact';
import '../../assets/main.css';
import { Popup } from '../../components/capture/Popup';

render(<Popup />, document.getElementById('app')!);
